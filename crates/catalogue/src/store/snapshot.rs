//! (issue 12: snapshot — being written)
