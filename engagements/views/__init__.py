"""Pages of engagements and key messages, mounted under ``operations/<code>/``."""
