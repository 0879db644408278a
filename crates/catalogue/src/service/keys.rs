//! (issue 12: keys — being written)
