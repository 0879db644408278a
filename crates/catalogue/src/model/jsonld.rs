//! (issue 12: jsonld — being written)
