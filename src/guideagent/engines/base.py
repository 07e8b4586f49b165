"""The Engine protocol, under the name the faces import; it is defined in guideagent.protocol,
below the step packages, so they can type against it without importing engines/."""

from guideagent.protocol import Capabilities, Engine, Progress

__all__ = ["Capabilities", "Engine", "Progress"]
