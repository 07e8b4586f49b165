"""The two engines, thin facades over the step packages: the offline engine (rules,
templates, shipped embeddings) and the LLM engine (guideagent.llm's client). Both implement
guideagent.protocol.Engine and return the same pydantic models; guideagent.factory picks
one. Nothing below this package imports it.
"""
