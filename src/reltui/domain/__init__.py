"""Review rules: questions, answers, status, due dates and next actions; no UI, no storage."""
