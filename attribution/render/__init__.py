"""Output formats: each module turns an ArticleReport (or another result) into text."""
