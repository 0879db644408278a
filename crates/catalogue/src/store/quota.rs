//! (issue 12: quota — being written)
