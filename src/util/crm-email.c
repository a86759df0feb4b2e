/* crm-email.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Practical e-mail address checks (RFC 5321 lengths, RFC 5322 dot-atoms):
 * no quoted local parts, comments or address literals, which real contact
 * lists do not contain, but UTF-8 in both parts (RFC 6531), since Chinese
 * mailboxes and internationalised domains do occur.
 */

#define G_LOG_DOMAIN "CrmEmail"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-email.h"

#define LOCAL_MAX 64
#define DOMAIN_MAX 255
#define ADDRESS_MAX 254
#define LABEL_MAX 63

G_DEFINE_QUARK (crm-email-error-quark, crm_email_error)

static gboolean
is_atext (guchar c)
{
  return g_ascii_isalnum (c) || c >= 0x80 || strchr ("!#$%&'*+/=?^_`{|}~-", c) != NULL;
}

static gboolean
check_local (const char  *local,
             gsize        len,
             GError     **error)
{
  if (len == 0)
    {
      g_set_error_literal (error, CRM_EMAIL_ERROR, CRM_EMAIL_ERROR_BAD_LOCAL_PART,
                           _("The address has nothing before the “@”."));
      return FALSE;
    }
  if (len > LOCAL_MAX)
    {
      g_set_error_literal (error, CRM_EMAIL_ERROR, CRM_EMAIL_ERROR_TOO_LONG,
                           _("The part before the “@” is longer than 64 characters."));
      return FALSE;
    }
  if (local[0] == '.' || local[len - 1] == '.' || g_strstr_len (local, len, "..") != NULL)
    {
      g_set_error_literal (error, CRM_EMAIL_ERROR, CRM_EMAIL_ERROR_BAD_LOCAL_PART,
                           _("The part before the “@” has a misplaced dot."));
      return FALSE;
    }
  for (gsize i = 0; i < len; i++)
    if (local[i] != '.' && !is_atext (local[i]))
      {
        g_set_error_literal (error, CRM_EMAIL_ERROR, CRM_EMAIL_ERROR_BAD_LOCAL_PART,
                             _("The part before the “@” contains a space or a character addresses cannot have."));
        return FALSE;
      }
  return TRUE;
}

/* Host names: labels of letters, digits and inner hyphens (or UTF-8), 1 to
 * 63 bytes each.  A single label ("localhost", an intranet host) is allowed;
 * an all-digit top-level label is not (that is an IP address). */
static gboolean
check_domain (const char  *domain,
              GError     **error)
{
  g_auto(GStrv) labels = NULL;
  gsize len = strlen (domain);
  guint n;

  if (len == 0 || len > DOMAIN_MAX)
    goto bad;
  labels = g_strsplit (domain, ".", -1);
  n = g_strv_length (labels);
  for (guint i = 0; i < n; i++)
    {
      gsize llen = strlen (labels[i]);

      if (llen == 0 || llen > LABEL_MAX || labels[i][0] == '-' || labels[i][llen - 1] == '-')
        goto bad;
      for (gsize j = 0; j < llen; j++)
        {
          guchar c = labels[i][j];

          if (!g_ascii_isalnum (c) && c != '-' && c < 0x80)
            goto bad;
        }
    }
  if (strspn (labels[n - 1], "0123456789") == strlen (labels[n - 1]))
    goto bad;
  return TRUE;

bad:
  g_set_error_literal (error, CRM_EMAIL_ERROR, CRM_EMAIL_ERROR_BAD_DOMAIN,
                       _("The part after the “@” is not a valid domain name."));
  return FALSE;
}

char *
crm_email_normalize (const char  *text,
                     GError     **error)
{
  g_autofree char *address = NULL;
  g_autofree char *domain = NULL;
  const char *at;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    text = "";
  address = g_strstrip (g_strdup (text));
  /* "mailto:" pasted from a link. */
  if (g_ascii_strncasecmp (address, "mailto:", 7) == 0)
    memmove (address, address + 7, strlen (address + 7) + 1);

  if (address[0] == '\0')
    {
      g_set_error_literal (error, CRM_EMAIL_ERROR, CRM_EMAIL_ERROR_EMPTY,
                           _("There is no e-mail address."));
      return NULL;
    }
  at = strrchr (address, '@');
  if (at == NULL || strchr (address, '@') != at)
    {
      g_set_error_literal (error, CRM_EMAIL_ERROR, CRM_EMAIL_ERROR_INVALID,
                           _("An e-mail address has exactly one “@”, as in name@example.com."));
      return NULL;
    }
  if (strlen (address) > ADDRESS_MAX)
    {
      g_set_error_literal (error, CRM_EMAIL_ERROR, CRM_EMAIL_ERROR_TOO_LONG,
                           _("The address is longer than 254 characters."));
      return NULL;
    }
  if (!check_local (address, at - address, error))
    return NULL;

  /* A fully qualified domain's final dot is not part of an address. */
  domain = g_utf8_strdown (at + 1, -1);
  if (domain[0] != '\0' && domain[strlen (domain) - 1] == '.')
    domain[strlen (domain) - 1] = '\0';
  if (!check_domain (domain, error))
    return NULL;

  return g_strdup_printf ("%.*s@%s", (int) (at - address), address, domain);
}

gboolean
crm_email_is_valid (const char *text)
{
  g_autofree char *normal = crm_email_normalize (text, NULL);

  return normal != NULL;
}

char *
crm_email_dup_key (const char *text)
{
  g_autofree char *normal = crm_email_normalize (text, NULL);
  g_autofree char *lower = NULL;
  g_autoptr(GString) local = NULL;
  char *at;

  if (normal == NULL)
    return NULL;
  lower = g_utf8_strdown (normal, -1);
  at = strrchr (lower, '@');
  *at = '\0';
  if (!g_str_equal (at + 1, "gmail.com") && !g_str_equal (at + 1, "googlemail.com"))
    {
      *at = '@';
      return g_steal_pointer (&lower);
    }

  /* Gmail ignores dots and everything after "+" in the local part, and
   * googlemail.com is the same service. */
  local = g_string_new (NULL);
  for (const char *p = lower; *p != '\0' && *p != '+'; p++)
    if (*p != '.')
      g_string_append_c (local, *p);
  if (local->len == 0)
    return NULL;
  g_string_append (local, "@gmail.com");
  return g_string_free (g_steal_pointer (&local), FALSE);
}
