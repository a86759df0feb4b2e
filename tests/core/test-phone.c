/* test-phone.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Phone numbers to E.164 and e-mail checks.
 */

#include "config.h"

#include <locale.h>

#include "crm-email.h"
#include "crm-phone.h"

typedef struct
{
  const char *text;
  const char *region;
  const char *e164;        /* NULL: must fail */
  const char *extension;
  int         code;        /* CrmPhoneError when it fails */
} PhoneCase;

static void
check_cases (const PhoneCase *cases,
             guint            n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *ext = NULL;
      g_autofree char *e164 = crm_phone_normalize (cases[i].text, cases[i].region, &ext, &error);

      g_test_message ("%s in %s", cases[i].text, cases[i].region ? cases[i].region : "(none)");
      if (cases[i].e164 != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (e164, ==, cases[i].e164);
          g_assert_cmpstr (ext, ==, cases[i].extension);
          g_assert_true (crm_phone_is_e164 (e164));
        }
      else
        {
          g_assert_null (e164);
          g_assert_null (ext);
          g_assert_error (error, CRM_PHONE_ERROR, cases[i].code);
          g_assert_nonnull (error->message);
        }
    }
}

static void
test_phone_china (void)
{
  static const PhoneCase cases[] = {
    { "138 1234 5678", "CN", "+8613812345678", NULL, 0 },
    { "13812345678", "CN", "+8613812345678", NULL, 0 },
    { "199-1234-5678", "CN", "+8619912345678", NULL, 0 },
    { "+86 138 1234 5678", "US", "+8613812345678", NULL, 0 },
    { "0086 13812345678", "CN", "+8613812345678", NULL, 0 },
    { "010-6552 9988", "CN", "+861065529988", NULL, 0 },
    { "(010) 65529988", "CN", "+861065529988", NULL, 0 },
    { "0755-8765 4321", "CN", "+8675587654321", NULL, 0 },
    { "021 6123 4567 转 808", "CN", "+862161234567", "808", 0 },
    { "１３８１２３４５６７８", "CN", "+8613812345678", NULL, 0 },
    { "12812345678", "CN", NULL, NULL, CRM_PHONE_ERROR_INVALID },
    { "1381234567", "CN", NULL, NULL, CRM_PHONE_ERROR_INVALID },
    { "138123456789", "CN", NULL, NULL, CRM_PHONE_ERROR_TOO_LONG },
    { "010-123", "CN", NULL, NULL, CRM_PHONE_ERROR_TOO_SHORT },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_phone_nanp (void)
{
  static const PhoneCase cases[] = {
    { "(415) 555-0132", "US", "+14155550132", NULL, 0 },
    { "415.555.0132", "US", "+14155550132", NULL, 0 },
    { "1-415-555-0132", "US", "+14155550132", NULL, 0 },
    { "+1 415 555 0132", "CN", "+14155550132", NULL, 0 },
    { "415-555-0132 ext. 42", "US", "+14155550132", "42", 0 },
    { "415-555-0132 x42", "US", "+14155550132", "42", 0 },
    { "415-555-0132 #42", "US", "+14155550132", "42", 0 },
    { "416 555 0199", "CA", "+14165550199", NULL, 0 },
    { "011 44 20 7946 0958", "US", "+442079460958", NULL, 0 },
    { "011 86 10 6552 9988", "CA", "+861065529988", NULL, 0 },
    { "tel:+1-415-555-0132;ext=7", NULL, "+14155550132", "7", 0 },
    { "115 555 0132", "US", NULL, NULL, CRM_PHONE_ERROR_INVALID },
    { "415 155 0132", "US", NULL, NULL, CRM_PHONE_ERROR_INVALID },
    { "555 0132", "US", NULL, NULL, CRM_PHONE_ERROR_TOO_SHORT },
    { "1-800-FLOWERS", "US", NULL, NULL, CRM_PHONE_ERROR_INVALID_CHARACTER },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_phone_asia_pacific (void)
{
  static const PhoneCase cases[] = {
    { "2345 6789", "HK", "+85223456789", NULL, 0 },
    { "+852 9123 4567", NULL, "+85291234567", NULL, 0 },
    { "001 1 415 555 0132", "HK", "+14155550132", NULL, 0 },
    { "0234 5678", "HK", NULL, NULL, CRM_PHONE_ERROR_INVALID },
    { "02-2345-6789", "TW", "+886223456789", NULL, 0 },
    { "0912 345 678", "TW", "+886912345678", NULL, 0 },
    { "002 86 138 1234 5678", "TW", "+8613812345678", NULL, 0 },
    { "6123 4567", "SG", "+6561234567", NULL, 0 },
    { "+65 9123 4567", "SG", "+6591234567", NULL, 0 },
    { "6123 456", "SG", NULL, NULL, CRM_PHONE_ERROR_TOO_SHORT },
    { "03-1234-5678", "JP", "+81312345678", NULL, 0 },
    { "090-1234-5678", "JP", "+819012345678", NULL, 0 },
    { "010 1 415 555 0132", "JP", "+14155550132", NULL, 0 },
    { "02-123-4567", "KR", "+8221234567", NULL, 0 },
    { "010-1234-5678", "KR", "+821012345678", NULL, 0 },
    { "098765 43210", "IN", "+919876543210", NULL, 0 },
    { "+91 98765 43210", "GB", "+919876543210", NULL, 0 },
    { "98765 4321", "IN", NULL, NULL, CRM_PHONE_ERROR_TOO_SHORT },
    { "0412 345 678", "AU", "+61412345678", NULL, 0 },
    { "(02) 9876 5432", "AU", "+61298765432", NULL, 0 },
    { "0011 44 20 7946 0958", "AU", "+442079460958", NULL, 0 },
    { "0412 345 6789", "AU", NULL, NULL, CRM_PHONE_ERROR_TOO_LONG },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_phone_europe (void)
{
  static const PhoneCase cases[] = {
    { "020 7946 0958", "GB", "+442079460958", NULL, 0 },
    { "+44 (0)20 7946 0958", NULL, "+442079460958", NULL, 0 },
    { "07700 900123", "GB", "+447700900123", NULL, 0 },
    { "0044 7700 900123", "DE", "+447700900123", NULL, 0 },
    { "020 7946 09", "GB", NULL, NULL, CRM_PHONE_ERROR_TOO_SHORT },
    { "030 1234567", "DE", "+49301234567", NULL, 0 },
    { "+49 (0)89 123456-78", NULL, "+498912345678", NULL, 0 },
    { "01 23 45 67 89", "FR", "+33123456789", NULL, 0 },
    { "06.12.34.56.78", "FR", "+33612345678", NULL, 0 },
    { "01 23 45 67 8", "FR", NULL, NULL, CRM_PHONE_ERROR_TOO_SHORT },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_phone_general (void)
{
  static const PhoneCase cases[] = {
    /* Already E.164, and countries outside the table. */
    { "+14155550132", NULL, "+14155550132", NULL, 0 },
    { "+8613812345678", "CN", "+8613812345678", NULL, 0 },
    { "+380 44 123 4567", NULL, "+380441234567", NULL, 0 },
    { "00 380 44 123 4567", "FR", "+380441234567", NULL, 0 },
    { "+380 44 123 4567 8901 23", NULL, NULL, NULL, CRM_PHONE_ERROR_TOO_LONG },
    { "", "US", NULL, NULL, CRM_PHONE_ERROR_EMPTY },
    { "  -- ", "US", NULL, NULL, CRM_PHONE_ERROR_EMPTY },
    { "415 555 0132", NULL, NULL, NULL, CRM_PHONE_ERROR_NO_REGION },
    { "415 555 0132", "ZZ", NULL, NULL, CRM_PHONE_ERROR_UNKNOWN_REGION },
    { "+1 415 555 0132 +1", NULL, NULL, NULL, CRM_PHONE_ERROR_INVALID_CHARACTER },
  };

  check_cases (cases, G_N_ELEMENTS (cases));

  g_assert_false (crm_phone_is_e164 ("4155550132"));
  g_assert_false (crm_phone_is_e164 ("+0123456789"));
  g_assert_false (crm_phone_is_e164 ("+1415555013x"));
  g_assert_cmpstr (crm_phone_get_region ("+14155550132"), ==, "US");
  g_assert_cmpstr (crm_phone_get_region ("+85223456789"), ==, "HK");
  g_assert_null (crm_phone_get_region ("+380441234567"));
  g_assert_true (crm_phone_region_is_known ("cn"));
  g_assert_false (crm_phone_region_is_known ("ZZ"));
}

static void
test_phone_region_from_locale (void)
{
  g_autofree char *cn = crm_phone_region_from_locale ("zh_CN.UTF-8");
  g_autofree char *gb = crm_phone_region_from_locale ("en_GB");
  g_autofree char *tw = crm_phone_region_from_locale ("zh_TW@stroke");
  g_autofree char *none = crm_phone_region_from_locale ("C.UTF-8");

  g_assert_cmpstr (cn, ==, "CN");
  g_assert_cmpstr (gb, ==, "GB");
  g_assert_cmpstr (tw, ==, "TW");
  g_assert_null (none);
  g_assert_null (crm_phone_region_from_locale ("en_Latn"));
}

static void
test_email_valid (void)
{
  static const struct { const char *text, *normal; } cases[] = {
    { "jose@example.com", "jose@example.com" },
    { "  José.Álvarez@Example.COM ", "José.Álvarez@example.com" },
    { "mailto:Ann@Example.org", "Ann@example.org" },
    { "first.last+crm@sub.example.co.uk", "first.last+crm@sub.example.co.uk" },
    { "o'brien@example.ie", "o'brien@example.ie" },
    { "admin@localhost", "admin@localhost" },
    { "zhang.wei@例子.中国", "zhang.wei@例子.中国" },
    { "张伟@example.cn", "张伟@example.cn" },
    { "x@example.com.", "x@example.com" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normal = crm_email_normalize (cases[i].text, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (normal, ==, cases[i].normal);
      g_assert_true (crm_email_is_valid (cases[i].text));
    }
}

static void
test_email_invalid (void)
{
  static const struct { const char *text; int code; } cases[] = {
    { "", CRM_EMAIL_ERROR_EMPTY },
    { "   ", CRM_EMAIL_ERROR_EMPTY },
    { "jose.example.com", CRM_EMAIL_ERROR_INVALID },
    { "a@b@example.com", CRM_EMAIL_ERROR_INVALID },
    { "@example.com", CRM_EMAIL_ERROR_BAD_LOCAL_PART },
    { "jose @example.com", CRM_EMAIL_ERROR_BAD_LOCAL_PART },
    { ".jose@example.com", CRM_EMAIL_ERROR_BAD_LOCAL_PART },
    { "jo..se@example.com", CRM_EMAIL_ERROR_BAD_LOCAL_PART },
    { "jose.@example.com", CRM_EMAIL_ERROR_BAD_LOCAL_PART },
    { "jo,se@example.com", CRM_EMAIL_ERROR_BAD_LOCAL_PART },
    { "jose@", CRM_EMAIL_ERROR_BAD_DOMAIN },
    { "jose@example..com", CRM_EMAIL_ERROR_BAD_DOMAIN },
    { "jose@-example.com", CRM_EMAIL_ERROR_BAD_DOMAIN },
    { "jose@exa mple.com", CRM_EMAIL_ERROR_BAD_DOMAIN },
    { "jose@exa_mple.com", CRM_EMAIL_ERROR_BAD_DOMAIN },
    { "jose@192.168.0.1", CRM_EMAIL_ERROR_BAD_DOMAIN },
    { "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com",
      CRM_EMAIL_ERROR_TOO_LONG },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normal = crm_email_normalize (cases[i].text, &error);

      g_test_message ("%s", cases[i].text);
      g_assert_null (normal);
      g_assert_error (error, CRM_EMAIL_ERROR, cases[i].code);
      g_assert_false (crm_email_is_valid (cases[i].text));
    }
}

static void
test_email_key (void)
{
  static const struct { const char *text, *key; } cases[] = {
    { "Jose@Example.com", "jose@example.com" },
    { "jose+news@example.com", "jose+news@example.com" },
    { "J.Doe+crm@GMail.com", "jdoe@gmail.com" },
    { "jdoe@googlemail.com", "jdoe@gmail.com" },
    { "ÁLVAREZ@example.es", "álvarez@example.es" },
    { "not an address", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = crm_email_dup_key (cases[i].text);

      g_assert_cmpstr (key, ==, cases[i].key);
    }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/phone/china", test_phone_china);
  g_test_add_func ("/phone/nanp", test_phone_nanp);
  g_test_add_func ("/phone/asia-pacific", test_phone_asia_pacific);
  g_test_add_func ("/phone/europe", test_phone_europe);
  g_test_add_func ("/phone/general", test_phone_general);
  g_test_add_func ("/phone/region-from-locale", test_phone_region_from_locale);
  g_test_add_func ("/email/valid", test_email_valid);
  g_test_add_func ("/email/invalid", test_email_invalid);
  g_test_add_func ("/email/key", test_email_key);

  return g_test_run ();
}
