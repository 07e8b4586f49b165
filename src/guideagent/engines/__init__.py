"""How each step is computed: the offline engine (rules, templates, shipped embeddings)
and the LLM engine (openai + instructor). Both return the same pydantic models."""
