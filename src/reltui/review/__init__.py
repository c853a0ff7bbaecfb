"""The review's application logic: the session, its queues, the insights and the weekly report."""
