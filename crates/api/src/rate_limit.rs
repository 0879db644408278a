//! (issue 12: rate limits of the public paths — being written)
