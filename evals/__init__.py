"""The eval suite: measures guideagent's outputs on labelled data (see evals/README.md)."""
