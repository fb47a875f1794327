"""The runtime and every edge: settings, HTTP, Mattermost, outbox worker, scheduler, CLI, the emulator."""
