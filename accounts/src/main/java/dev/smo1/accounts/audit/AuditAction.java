package dev.smo1.accounts.audit;

import com.fasterxml.jackson.annotation.JsonValue;

/** The actions the audit log records; wire names are stored: add values, never rename them. */
public enum AuditAction {
  LOGIN_SUCCEEDED("login.succeeded"),
  LOGIN_FAILED("login.failed"),
  LOGOUT("logout"),
  SESSIONS_REVOKED("sessions.revoked"),
  SIGNED_UP("user.signed_up"),
  EMAIL_VERIFIED("user.email_verified"),
  EMAIL_CHANGED("user.email_changed"),
  PASSWORD_CHANGED("user.password_changed"),
  PASSWORD_RESET("user.password_reset"),
  ACCOUNT_DELETED("user.deleted"),
  WORKSPACE_CREATED("workspace.created"),
  WORKSPACE_UPDATED("workspace.updated"),
  WORKSPACE_DELETED("workspace.deleted"),
  MEMBER_INVITED("member.invited"),
  MEMBER_JOINED("member.joined"),
  MEMBER_ROLE_CHANGED("member.role_changed"),
  MEMBER_REMOVED("member.removed"),
  KEY_CREATED("api_key.created"),
  KEY_REVOKED("api_key.revoked"),
  LINK_DELETED("link.deleted"),
  DOMAIN_ADDED("domain.added"),
  DOMAIN_VERIFIED("domain.verified"),
  DOMAIN_UPDATED("domain.updated"),
  DOMAIN_CHALLENGE_RENEWED("domain.challenge_renewed"),
  DOMAIN_REMOVED("domain.removed"),
  // the platform's own actions on a workspace's links (decision 0034): the workspace sees them too
  LINK_BLOCKED("link.blocked"),
  LINK_UNBLOCKED("link.unblocked"),
  // abuse reports: received from anyone, resolved by a platform admin (no workspace)
  ABUSE_REPORTED("abuse_report.received"),
  ABUSE_REPORT_RESOLVED("abuse_report.resolved");

  /** The actions platform admins read in their audit log ({@code GET /api/v1/admin/audit}). */
  public static final java.util.List<AuditAction> PLATFORM =
      java.util.List.of(LINK_BLOCKED, LINK_UNBLOCKED, ABUSE_REPORTED, ABUSE_REPORT_RESOLVED);

  private final String wireName;

  AuditAction(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }
}
