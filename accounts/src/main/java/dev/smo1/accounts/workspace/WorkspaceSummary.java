package dev.smo1.accounts.workspace;

import dev.smo1.accounts.access.Role;

/** A workspace in a user's list: its slug, name and the user's role there. */
public record WorkspaceSummary(String slug, String name, Role role) {}
