/* crm-email.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CRM_EMAIL_ERROR (crm_email_error_quark ())

/**
 * CrmEmailError:
 * @CRM_EMAIL_ERROR_EMPTY: there is no address
 * @CRM_EMAIL_ERROR_INVALID: not of the form local@domain
 * @CRM_EMAIL_ERROR_TOO_LONG: longer than SMTP allows (64 / 255 / 254)
 * @CRM_EMAIL_ERROR_BAD_LOCAL_PART: the part before "@" has a space, a bad dot or symbol
 * @CRM_EMAIL_ERROR_BAD_DOMAIN: the part after "@" is not a host name
 */
typedef enum
{
  CRM_EMAIL_ERROR_EMPTY,
  CRM_EMAIL_ERROR_INVALID,
  CRM_EMAIL_ERROR_TOO_LONG,
  CRM_EMAIL_ERROR_BAD_LOCAL_PART,
  CRM_EMAIL_ERROR_BAD_DOMAIN,
} CrmEmailError;

GQuark    crm_email_error_quark  (void);

/* Trims @text, checks it and lower-cases the domain (the local part keeps its
 * case: SMTP lets servers treat it as case-sensitive).  Returns NULL with
 * @error set (a readable reason) when it is not a usable address; transfer
 * full. */
char     *crm_email_normalize    (const char  *text,
                                  GError     **error);
gboolean  crm_email_is_valid     (const char  *text);
/* The key under which two addresses count as the same mailbox: all lower
 * case, and for Gmail without "+tag" and dots ("J.Doe+crm@GoogleMail.com"
 * gives "jdoe@gmail.com").  NULL when @text is not valid; transfer full. */
char     *crm_email_dup_key      (const char  *text);

G_END_DECLS
