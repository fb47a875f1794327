"""Dutch messages (informal 'je', as Mattermost's own Dutch translation)."""
