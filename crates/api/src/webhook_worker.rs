//! (issue 12: the webhook delivery worker — being written)
