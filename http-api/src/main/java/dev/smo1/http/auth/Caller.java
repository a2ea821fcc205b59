package dev.smo1.http.auth;

import dev.smo1.accounts.access.Access;
import dev.smo1.accounts.access.Principal;

/** An authenticated request's caller, before a workspace is chosen. */
public sealed interface Caller {
  Principal principal();

  /** An API key: its workspace and scopes are fixed. */
  record Key(Access access) implements Caller {
    @Override
    public Principal principal() {
      return access.principal();
    }
  }

  /** A signed-in user (session cookie): the workspace comes from the path or the query. */
  record Session(Principal.User user) implements Caller {
    @Override
    public Principal principal() {
      return user;
    }
  }
}
