/**
 * Account email: the messages (verification, password reset, email change, workspace invitations)
 * and their delivery over SMTP. Nothing here logs a message body, a token or a password.
 */
package dev.smo1.accounts.mail;
