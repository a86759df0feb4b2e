/* crm-import-values.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of CrmImport: a parsed contact (CrmContactDraft) → the column values
 * of a person or an organization, normalised (email checked with its domain
 * in lower case, phone numbers in E.164 when a region is known, names
 * trimmed, a display name composed) and checked (a row's reason to be
 * rejected).  Plain code, any thread.
 */

#define G_LOG_DOMAIN "CrmImport"

#include "config.h"

#include <string.h>

#include "crm-email.h"
#include "crm-import-private.h"
#include "crm-phone.h"

/* Longest name, email or phone; longest other field. */
#define MAX_SHORT_VALUE 1024
#define MAX_LONG_VALUE (64 * 1024)

void
_crm_import_values_clear (CrmImportValues *values)
{
  for (guint i = 0; i < CRM_IMPORT_MAX_COLUMNS; i++)
    g_clear_pointer (&values->v[i], g_free);
  g_clear_pointer (&values->organization, g_free);
  g_clear_pointer (&values->title, g_free);
  g_clear_pointer (&values->department, g_free);
  values->provided = 0;
  values->reason = R_NONE;
  values->draft = NULL;
}

static char *
dup_trimmed (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

static gboolean
has_han (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
      return TRUE;
  return FALSE;
}

char *
_crm_import_compose_name (const char *given,
                          const char *family)
{
  if (given[0] == '\0' || family[0] == '\0')
    return g_strconcat (given, family, NULL);
  /* Chinese, Japanese and Korean names: family name first, no space. */
  if (has_han (given) || has_han (family))
    return g_strconcat (family, given, NULL);
  return g_strconcat (given, " ", family, NULL);
}

static const char *
first_string (GPtrArray *array)
{
  for (guint i = 0; array != NULL && i < array->len; i++)
    if (((const char *) array->pdata[i])[0] != '\0')
      return array->pdata[i];
  return "";
}

static char *
normalize_country (const char *country)
{
  char *value = dup_trimmed (country);

  if (strlen (value) == 2 && g_ascii_isalpha (value[0]) && g_ascii_isalpha (value[1]))
    {
      value[0] = g_ascii_toupper (value[0]);
      value[1] = g_ascii_toupper (value[1]);
    }
  return value;
}

/* E.164 when it can be; as written when there is no region to read a
 * national number in; NULL (rejected) when it cannot be a number. */
static char *
normalize_phone (const char *phone,
                 const char *country,
                 const char *default_region)
{
  g_autoptr(GError) error = NULL;
  const char *region = strlen (country) == 2 ? country : default_region;
  char *e164;

  if (phone[0] == '\0')
    return g_strdup ("");
  e164 = crm_phone_normalize (phone, region, NULL, &error);
  if (e164 != NULL)
    return e164;
  if (g_error_matches (error, CRM_PHONE_ERROR, CRM_PHONE_ERROR_NO_REGION) ||
      g_error_matches (error, CRM_PHONE_ERROR, CRM_PHONE_ERROR_UNKNOWN_REGION))
    return dup_trimmed (phone);
  return NULL;
}

/* Checked, and kept as written (trimmed): what Rapport exported reads back
 * unchanged; matching ignores case anyway. */
static char *
normalize_email (const char *email,
                 guint      *reason)
{
  if (email[0] == '\0')
    return g_strdup ("");
  if (!crm_email_is_valid (email))
    {
      *reason = R_INVALID_EMAIL;
      return NULL;
    }
  return g_strdup (email);
}

/* Long texts, and tag names longer than a name. */
static void
check_lengths (const CrmContactDraft *draft,
               CrmImportValues       *values)
{
  for (guint i = 0; i < CRM_IMPORT_MAX_COLUMNS && values->reason == R_NONE; i++)
    if (values->v[i] != NULL && strlen (values->v[i]) > MAX_LONG_VALUE)
      values->reason = R_TOO_LONG;
  for (guint i = 0; i < draft->tags->len && values->reason == R_NONE; i++)
    if (strlen (draft->tags->pdata[i]) > MAX_SHORT_VALUE)
      values->reason = R_TOO_LONG;
}

void
_crm_import_person_values (const CrmContactDraft *draft,
               const char            *default_region,
               CrmImportValues                *values)
{
  char **v = values->v;
  g_autofree char *phone = NULL;
  g_autofree char *email = NULL;

  v[P_GIVEN] = dup_trimmed (draft->given_name);
  v[P_FAMILY] = dup_trimmed (draft->family_name);
  v[P_DISPLAY] = dup_trimmed (draft->display_name);
  v[P_COUNTRY] = normalize_country (draft->country);
  email = dup_trimmed (first_string (draft->emails));
  v[P_EMAIL] = normalize_email (email, &values->reason);
  phone = dup_trimmed (first_string (draft->phones));
  v[P_PHONE] = normalize_phone (phone, v[P_COUNTRY], default_region);
  if (v[P_PHONE] == NULL && values->reason == R_NONE)
    values->reason = R_INVALID_PHONE;
  if (v[P_EMAIL] == NULL)
    v[P_EMAIL] = g_strdup ("");
  if (v[P_PHONE] == NULL)
    v[P_PHONE] = g_strdup ("");

  for (guint i = 0; i < P_N; i++)
    if (v[i] != NULL && v[i][0] != '\0')
      values->provided |= 1u << i;

  if (v[P_DISPLAY][0] == '\0')
    {
      g_free (v[P_DISPLAY]);
      v[P_DISPLAY] = _crm_import_compose_name (v[P_GIVEN], v[P_FAMILY]);
      if (v[P_DISPLAY][0] == '\0')
        {
          g_free (v[P_DISPLAY]);
          v[P_DISPLAY] = g_strdup (v[P_EMAIL][0] != '\0' ? v[P_EMAIL] : v[P_PHONE]);
        }
    }
  if (v[P_DISPLAY][0] == '\0' && values->reason == R_NONE)
    values->reason = R_NO_NAME;

  v[P_BIRTH] = g_strdup (draft->birth_date);
  v[P_GENDER] = g_strdup (draft->gender);
  v[P_LANGUAGE] = g_strdup (draft->language);
  v[P_CITY] = dup_trimmed (draft->city);
  v[P_REGION] = dup_trimmed (draft->region);
  v[P_ADDRESS] = dup_trimmed (draft->street);
  if (draft->postal_code[0] != '\0')
    {
      char *address = g_strconcat (v[P_ADDRESS], v[P_ADDRESS][0] != '\0' ? "\n" : "",
                                   draft->postal_code, NULL);

      g_free (v[P_ADDRESS]);
      v[P_ADDRESS] = address;
    }
  v[P_NOTES] = g_strdup (draft->notes);
  for (guint i = P_BIRTH; i < P_N; i++)
    if (v[i][0] != '\0')
      values->provided |= 1u << i;

  values->organization = dup_trimmed (draft->organization);
  values->title = dup_trimmed (draft->title);
  values->department = dup_trimmed (draft->department);

  for (guint i = 0; i <= P_PHONE && values->reason == R_NONE; i++)
    if (strlen (v[i]) > MAX_SHORT_VALUE)
      values->reason = R_TOO_LONG;
  if (strlen (values->organization) > MAX_SHORT_VALUE || strlen (values->title) > MAX_SHORT_VALUE)
    values->reason = values->reason ?: R_TOO_LONG;
  check_lengths (draft, values);
}

static const char *
extra_value (const CrmContactDraft *draft,
             const char            *key)
{
  const char *value = g_hash_table_lookup (draft->extra, key);

  return value != NULL ? value : "";
}

void
_crm_import_org_values (const CrmContactDraft *draft,
            const char            *default_region,
            CrmImportValues                *values)
{
  char **v = values->v;
  g_autofree char *phone = dup_trimmed (first_string (draft->phones));
  g_autofree char *email = dup_trimmed (first_string (draft->emails));

  v[O_NAME] = dup_trimmed (draft->organization[0] != '\0' ? draft->organization
                                                           : draft->display_name);
  v[O_INDUSTRY] = dup_trimmed (extra_value (draft, "Industry"));
  v[O_SIZE] = dup_trimmed (extra_value (draft, "Size Band"));
  v[O_WEBSITE] = dup_trimmed (draft->website);
  v[O_EMAIL] = normalize_email (email, &values->reason);
  v[O_COUNTRY] = normalize_country (draft->country);
  v[O_PHONE] = normalize_phone (phone, v[O_COUNTRY], default_region);
  if (v[O_PHONE] == NULL && values->reason == R_NONE)
    values->reason = R_INVALID_PHONE;
  if (v[O_EMAIL] == NULL)
    v[O_EMAIL] = g_strdup ("");
  if (v[O_PHONE] == NULL)
    v[O_PHONE] = g_strdup ("");
  v[O_CITY] = dup_trimmed (draft->city);
  v[O_REGION] = dup_trimmed (draft->region);
  v[O_ADDRESS] = dup_trimmed (draft->street);
  v[O_TIER] = dup_trimmed (extra_value (draft, "Tier"));
  if (!g_str_equal (v[O_TIER], "strategic") && !g_str_equal (v[O_TIER], "key") &&
      !g_str_equal (v[O_TIER], "standard"))
    {
      g_free (v[O_TIER]);
      v[O_TIER] = g_strdup ("");
    }
  v[O_NOTES] = g_strdup (draft->notes);
  for (guint i = 0; i < O_N; i++)
    if (v[i][0] != '\0')
      values->provided |= 1u << i;
  if (v[O_NAME][0] == '\0' && values->reason == R_NONE)
    values->reason = R_NO_NAME;
  if (strlen (v[O_NAME]) > MAX_SHORT_VALUE && values->reason == R_NONE)
    values->reason = R_TOO_LONG;
  check_lengths (draft, values);
}
