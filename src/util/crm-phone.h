/* crm-phone.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CRM_PHONE_ERROR (crm_phone_error_quark ())

/**
 * CrmPhoneError:
 * @CRM_PHONE_ERROR_EMPTY: there is no number at all
 * @CRM_PHONE_ERROR_INVALID_CHARACTER: letters or symbols that no phone number has
 * @CRM_PHONE_ERROR_NO_REGION: a national number, and no region to read it in
 * @CRM_PHONE_ERROR_UNKNOWN_REGION: the default region is not one Rapport knows
 * @CRM_PHONE_ERROR_TOO_SHORT: fewer digits than numbers in that country have
 * @CRM_PHONE_ERROR_TOO_LONG: more digits than numbers in that country have
 * @CRM_PHONE_ERROR_INVALID: the digits cannot be a number in that country
 */
typedef enum
{
  CRM_PHONE_ERROR_EMPTY,
  CRM_PHONE_ERROR_INVALID_CHARACTER,
  CRM_PHONE_ERROR_NO_REGION,
  CRM_PHONE_ERROR_UNKNOWN_REGION,
  CRM_PHONE_ERROR_TOO_SHORT,
  CRM_PHONE_ERROR_TOO_LONG,
  CRM_PHONE_ERROR_INVALID,
} CrmPhoneError;

GQuark    crm_phone_error_quark          (void);

/* Normalises @text ("(415) 555-0132 ext. 7", "010-6552 9988", "+44 (0)20 7946
 * 0958", "tel:+81-3-1234-5678") to E.164 ("+14155550132"), reading national
 * numbers in @default_region (ISO 3166-1 alpha-2, may be NULL).  The
 * extension, if any, goes to @extension (transfer full; NULL when none).
 * Returns NULL with @error set (a readable reason) when the text cannot be
 * normalised; transfer full. */
char     *crm_phone_normalize            (const char  *text,
                                          const char  *default_region,
                                          char       **extension,
                                          GError     **error);
/* TRUE when @text is already "+" and 8 to 15 digits, the first not 0. */
gboolean  crm_phone_is_e164              (const char  *text);
/* The region (ISO 3166-1 alpha-2) of an E.164 number's country code, or NULL
 * when the code is not in Rapport's table ("+1" gives "US"). */
const char *crm_phone_get_region         (const char  *e164);
/* TRUE when Rapport's table knows the region's numbering plan. */
gboolean  crm_phone_region_is_known      (const char  *region);
/* The region of a locale name ("zh_CN.UTF-8" gives "CN"), or NULL;
 * transfer full. */
char     *crm_phone_region_from_locale   (const char  *locale);
/* The user's region from LC_TELEPHONE, LC_ADDRESS, LC_ALL or LANG; NULL when
 * none names one; transfer full. */
char     *crm_phone_dup_default_region   (void);

G_END_DECLS
