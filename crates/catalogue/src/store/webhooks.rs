//! (issue 12: webhooks — being written)
