//! (issue 12: feed — being written)
