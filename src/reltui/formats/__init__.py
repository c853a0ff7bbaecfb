"""Reading contact exports (CSV of several products, vCard) into plain records."""
