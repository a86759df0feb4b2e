/* test-vcard.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The vCard reader against hand-written exports of Google Contacts, Apple
 * Contacts, Outlook, an Android phone and a 4.0 file; broken input; limits;
 * and the writer's round trip.
 */

#define G_LOG_DOMAIN "TestVcard"

#include "config.h"

#include <string.h>

#include "crm-test-util.h"
#include "crm-vcard.h"

typedef struct
{
  GPtrArray *drafts;
  GPtrArray *rejections;
} Parsed;

static void
parsed_clear (Parsed *parsed)
{
  g_clear_pointer (&parsed->drafts, g_ptr_array_unref);
  g_clear_pointer (&parsed->rejections, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Parsed, parsed_clear)

static char *
sample_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "core", "data", "vcard", name, NULL);
}

static GBytes *
sample_bytes (const char *name)
{
  g_autofree char *path = sample_path (name);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

static void
assert_valid_text (const char *text)
{
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
}

/* Every string of a draft is valid UTF-8 and never NULL. */
static void
assert_draft_valid (CrmContactDraft *draft)
{
  const char *fields[] = {
    draft->given_name, draft->family_name, draft->display_name, draft->organization,
    draft->title, draft->department, draft->street, draft->city, draft->region,
    draft->postal_code, draft->country, draft->birth_date, draft->gender, draft->language,
    draft->website, draft->notes, draft->photo_mime,
  };
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    assert_valid_text (fields[i]);
  for (guint i = 0; i < draft->emails->len; i++)
    assert_valid_text (g_ptr_array_index (draft->emails, i));
  for (guint i = 0; i < draft->phones->len; i++)
    assert_valid_text (g_ptr_array_index (draft->phones, i));
  for (guint i = 0; i < draft->tags->len; i++)
    assert_valid_text (g_ptr_array_index (draft->tags, i));
  g_hash_table_iter_init (&iter, draft->extra);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      assert_valid_text (key);
      assert_valid_text (value);
    }
}

static Parsed
parse_text (const char *data,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  Parsed parsed = { NULL, NULL };

  parsed.drafts = crm_vcard_parse_data (data, length < 0 ? strlen (data) : (gsize) length,
                                        &parsed.rejections, &error);
  g_assert_no_error (error);
  g_assert_nonnull (parsed.drafts);
  for (guint i = 0; i < parsed.drafts->len; i++)
    assert_draft_valid (g_ptr_array_index (parsed.drafts, i));
  return parsed;
}

/* Reads a sample through the path and stream API, card by card. */
static Parsed
parse_sample (const char *name)
{
  g_autofree char *path = sample_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmVcardReader) reader = NULL;
  Parsed parsed = { NULL, NULL };
  CrmContactDraft *draft;

  reader = crm_vcard_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  parsed.drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_contact_draft_free);
  while ((draft = crm_vcard_reader_next (reader, NULL, &error)) != NULL)
    {
      assert_draft_valid (draft);
      g_ptr_array_add (parsed.drafts, draft);
    }
  g_assert_no_error (error);
  parsed.rejections = crm_vcard_reader_take_rejections (reader);
  return parsed;
}

static CrmContactDraft *
draft_at (Parsed *parsed,
          guint   index)
{
  g_assert_cmpuint (index, <, parsed->drafts->len);
  return g_ptr_array_index (parsed->drafts, index);
}

static void
assert_photo (CrmContactDraft *draft,
              const char      *sample,
              const char      *mime)
{
  g_autoptr(GBytes) expected = sample_bytes (sample);

  g_assert_nonnull (draft->photo);
  g_assert_true (g_bytes_equal (draft->photo, expected));
  g_assert_cmpstr (draft->photo_mime, ==, mime);
}

static void
assert_rejection (GPtrArray  *rejections,
                  guint       index,
                  guint       line,
                  const char *reason_part)
{
  CrmVcardRejection *rejection;

  g_assert_cmpuint (index, <, rejections->len);
  rejection = g_ptr_array_index (rejections, index);
  g_assert_cmpuint (rejection->line, ==, line);
  if (reason_part != NULL)
    g_assert_nonnull (strstr (rejection->reason, reason_part));
}

static void
test_google (void)
{
  g_auto(Parsed) parsed = parse_sample ("google.vcf");
  CrmContactDraft *jane, *jose;

  g_assert_cmpuint (parsed.drafts->len, ==, 2);
  g_assert_cmpuint (parsed.rejections->len, ==, 0);

  jane = draft_at (&parsed, 0);
  g_assert_cmpuint (jane->line, ==, 1);
  g_assert_cmpstr (jane->display_name, ==, "Jane Doe");
  g_assert_cmpstr (jane->given_name, ==, "Jane");
  g_assert_cmpstr (jane->family_name, ==, "Doe");
  g_assert_cmpstr (jane->organization, ==, "Example Corp.");
  g_assert_cmpstr (jane->department, ==, "Research");
  g_assert_cmpstr (jane->title, ==, "Senior Engineer");
  crm_test_assert_strv (jane->emails, "jane@example.com", "jane.doe@gmail.com", NULL);
  crm_test_assert_strv (jane->phones, "+1 650-555-0123", "(650) 555-0199", NULL);
  g_assert_cmpstr (jane->street, ==, "1600 Amphitheatre Pkwy");
  g_assert_cmpstr (jane->city, ==, "Mountain View");
  g_assert_cmpstr (jane->region, ==, "CA");
  g_assert_cmpstr (jane->postal_code, ==, "94043");
  g_assert_cmpstr (jane->country, ==, "United States");
  crm_test_assert_extra (jane, "ADR (home)", "12 Elm Street, Palo Alto, CA, 94301, United States");
  g_assert_cmpstr (jane->birth_date, ==, "1985-04-12");
  /* Google escapes the colon of URLs; the Apple label names the others. */
  g_assert_cmpstr (jane->website, ==, "https://janedoe.example.com");
  crm_test_assert_extra (jane, "URL (GitHub)", "https://github.com/janedoe");
  g_assert_cmpstr (jane->notes, ==,
                   "Met at the GUADEC 2025 booth; wants a quote for 40 seats before the end "
                   "of the quarter.\nLikes tea, not coffee.");
  crm_test_assert_strv (jane->tags, "myContacts", "Customers", NULL);
  g_assert_null (jane->photo);
  g_assert_cmpstr (jane->photo_mime, ==, "");
  g_assert_cmpuint (g_hash_table_size (jane->extra), ==, 2);

  jose = draft_at (&parsed, 1);
  g_assert_cmpuint (jose->line, ==, 22);
  g_assert_cmpstr (jose->display_name, ==, "José Álvarez");
  g_assert_cmpstr (jose->family_name, ==, "Álvarez");
  crm_test_assert_strv (jose->emails, "jose@example.es", NULL);
  crm_test_assert_strv (jose->phones, "+34 600 123 456", NULL);
  g_assert_cmpstr (jose->birth_date, ==, "");
}

static void
test_apple (void)
{
  g_auto(Parsed) parsed = parse_sample ("apple.vcf");
  CrmContactDraft *wei;

  g_assert_cmpuint (parsed.drafts->len, ==, 1);
  g_assert_cmpuint (parsed.rejections->len, ==, 0);
  wei = draft_at (&parsed, 0);
  g_assert_cmpstr (wei->display_name, ==, "Dr. Wei Chen");
  g_assert_cmpstr (wei->given_name, ==, "Wei");
  g_assert_cmpstr (wei->family_name, ==, "Chen");
  crm_test_assert_extra (wei, "N (prefix)", "Dr.");
  g_assert_cmpstr (wei->organization, ==, "Acme Robotics");
  g_assert_cmpstr (wei->department, ==, "Sales");
  /* type=pref comes first, whatever the order in the file. */
  crm_test_assert_strv (wei->emails, "wei.chen@acme.example", "wei@home.example", NULL);
  crm_test_assert_strv (wei->phones, "+86 138 0013 8000", "+86 10 6552 9988", NULL);
  g_assert_cmpstr (wei->street, ==, "88 Jianguo Road");
  g_assert_cmpstr (wei->city, ==, "Beijing");
  g_assert_cmpstr (wei->region, ==, "");
  g_assert_cmpstr (wei->postal_code, ==, "100022");
  g_assert_cmpstr (wei->country, ==, "China");
  g_assert_cmpstr (wei->website, ==, "https://acme.example");
  /* Apple's omitted year. */
  g_assert_cmpstr (wei->birth_date, ==, "--11-03");
  crm_test_assert_extra (wei, "X-ABRELATEDNAMES (Spouse)", "Li Na");
  crm_test_assert_extra (wei, "X-SOCIALPROFILE (linkedin)", "https://www.linkedin.com/in/weichen");
  crm_test_assert_extra (wei, "X-ABADR", "cn");
  crm_test_assert_extra (wei, "X-PHONETIC-FIRST-NAME", "Wei");
  crm_test_assert_extra (wei, "X-PHONETIC-LAST-NAME", "Chen");
  g_assert_null (g_hash_table_lookup (wei->extra, "X-ABLABEL"));
  g_assert_null (g_hash_table_lookup (wei->extra, "PRODID"));
  assert_photo (wei, "avatar.jpg", "image/jpeg");
}

static void
test_outlook (void)
{
  g_auto(Parsed) parsed = parse_sample ("outlook.vcf");
  CrmContactDraft *juergen, *anna;

  g_assert_cmpuint (parsed.drafts->len, ==, 2);
  g_assert_cmpuint (parsed.rejections->len, ==, 0);

  juergen = draft_at (&parsed, 0);
  g_assert_cmpstr (juergen->family_name, ==, "Müller");
  g_assert_cmpstr (juergen->given_name, ==, "Jürgen");
  g_assert_cmpstr (juergen->display_name, ==, "Jürgen Müller");
  g_assert_cmpstr (juergen->organization, ==, "Bäckerei Müller GmbH");
  g_assert_cmpstr (juergen->department, ==, "Vertrieb");
  g_assert_cmpstr (juergen->title, ==, "Geschäftsführer");
  crm_test_assert_strv (juergen->phones, "+49 30 1234567", "+49 170 1234567", NULL);
  crm_test_assert_strv (juergen->emails, "juergen@baeckerei-mueller.example", NULL);
  g_assert_cmpstr (juergen->street, ==, "Hauptstraße 5\nHinterhaus");
  g_assert_cmpstr (juergen->city, ==, "Berlin");
  g_assert_cmpstr (juergen->postal_code, ==, "10115");
  g_assert_cmpstr (juergen->country, ==, "Deutschland");
  /* A soft line break ("=" at the end) joins lines that are not indented. */
  crm_test_assert_extra (juergen, "LABEL (work)", "Hauptstraße 5\nBerlin 10115");
  g_assert_cmpstr (juergen->notes, ==,
                   "Bestellt jeden Montag Brötchen.\nDie Lieferung kommt vor sieben Uhr, "
                   "bitte den Hintereingang benutzen.");
  crm_test_assert_extra (juergen, "X-MS-OL-DEFAULT-POSTAL-ADDRESS", "2");
  crm_test_assert_extra (juergen, "REV", "20260102T081500Z");
  /* 2.1 base64 on indented lines, ended by a blank line. */
  assert_photo (juergen, "avatar.jpg", "image/jpeg");

  anna = draft_at (&parsed, 1);
  g_assert_cmpstr (anna->display_name, ==, "Anna Smith");
  g_assert_cmpstr (anna->family_name, ==, "Smith");
  g_assert_cmpstr (anna->given_name, ==, "Anna");
  g_assert_cmpstr (anna->birth_date, ==, "1990-03-15");
  crm_test_assert_strv (anna->phones, "+44 20 7946 0958", NULL);
}

static void
test_android_chinese (void)
{
  g_auto(Parsed) parsed = parse_sample ("android-zh.vcf");
  CrmContactDraft *zhang, *li;

  g_assert_cmpuint (parsed.drafts->len, ==, 2);
  g_assert_cmpuint (parsed.rejections->len, ==, 0);

  zhang = draft_at (&parsed, 0);
  g_assert_cmpstr (zhang->family_name, ==, "张");
  g_assert_cmpstr (zhang->given_name, ==, "伟");
  g_assert_cmpstr (zhang->display_name, ==, "张伟");
  g_assert_cmpstr (zhang->organization, ==, "北京星辰科技有限公司");
  g_assert_cmpstr (zhang->department, ==, "销售部");
  crm_test_assert_strv (zhang->phones, "13800138000", "010-65529988", NULL);
  crm_test_assert_strv (zhang->emails, "zhangwei@example.cn", NULL);
  g_assert_cmpstr (zhang->gender, ==, "female");

  /* GB2312 quoted-printable. */
  li = draft_at (&parsed, 1);
  g_assert_cmpstr (li->family_name, ==, "李");
  g_assert_cmpstr (li->given_name, ==, "娜");
  g_assert_cmpstr (li->display_name, ==, "李娜");
  g_assert_cmpstr (li->street, ==, "建国路88号");
  g_assert_cmpstr (li->city, ==, "北京");
  g_assert_cmpstr (li->postal_code, ==, "100022");
  g_assert_cmpstr (li->country, ==, "中国");
  /* UTF-8 quoted-printable over four lines with soft breaks. */
  g_assert_cmpstr (li->notes, ==, "客户要求在月底前发货，请提前确认库存和物流安排，谢谢。");
  crm_test_assert_extra (li, "X-ANDROID-CUSTOM", "vnd.android.cursor.item/nickname;Nana;1;;;;;;;;;;;;;");
  /* Base64 continued on lines that are not indented. */
  assert_photo (li, "avatar.jpg", "image/jpeg");
}

static void
test_version_4 (void)
{
  g_auto(Parsed) parsed = parse_sample ("v4.vcf");
  CrmContactDraft *ana;

  g_assert_cmpuint (parsed.drafts->len, ==, 1);
  g_assert_cmpuint (parsed.rejections->len, ==, 0);
  ana = draft_at (&parsed, 0);
  crm_test_assert_extra (ana, "UID", "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1");
  g_assert_cmpstr (ana->display_name, ==, "Dr. Ana María Ortega Ruiz");
  g_assert_cmpstr (ana->family_name, ==, "Ortega Ruiz");
  g_assert_cmpstr (ana->given_name, ==, "Ana");
  crm_test_assert_extra (ana, "N (additional)", "María");
  crm_test_assert_extra (ana, "N (prefix)", "Dr.");
  crm_test_assert_extra (ana, "N (suffix)", "PhD");
  crm_test_assert_extra (ana, "KIND", "individual");
  g_assert_cmpstr (ana->gender, ==, "female");
  g_assert_cmpstr (ana->language, ==, "es-MX");
  crm_test_assert_extra (ana, "LANG", "en");
  g_assert_cmpstr (ana->birth_date, ==, "--04-12");
  g_assert_cmpstr (ana->organization, ==, "Ortega Consulting");
  g_assert_cmpstr (ana->title, ==, "Principal");
  /* PREF=1 before PREF=2. */
  crm_test_assert_strv (ana->emails, "ana.maria@mail.example", "ana@ortega.example", NULL);
  crm_test_assert_strv (ana->phones, "+52-55-5555-1234", "+52-55-5555-9876", NULL);
  g_assert_cmpstr (ana->street, ==, "Av. Reforma 222");
  g_assert_cmpstr (ana->city, ==, "Ciudad de México");
  g_assert_cmpstr (ana->region, ==, "CDMX");
  g_assert_cmpstr (ana->postal_code, ==, "06600");
  g_assert_cmpstr (ana->country, ==, "Mexico");
  g_assert_cmpstr (ana->website, ==, "https://ortega.example");
  assert_photo (ana, "avatar.png", "image/png");
  /* A remote photo is kept as a link and never fetched. */
  crm_test_assert_extra (ana, "PHOTO", "https://photos.example/ana.jpg");
  crm_test_assert_strv (ana->tags, "consulting", "vip", NULL);
  g_assert_cmpstr (ana->notes, ==, "Prefers Spanish; answers email within a day.");
  crm_test_assert_extra (ana, "X-CUSTOM-SEGMENT", "enterprise");
}

static void
test_broken (void)
{
  g_auto(Parsed) parsed = parse_sample ("broken.vcf");

  g_assert_cmpuint (parsed.drafts->len, ==, 2);
  g_assert_cmpstr (draft_at (&parsed, 0)->display_name, ==, "First Good");
  g_assert_cmpuint (draft_at (&parsed, 0)->line, ==, 1);
  g_assert_cmpstr (draft_at (&parsed, 1)->display_name, ==, "Second Good");
  g_assert_cmpuint (draft_at (&parsed, 1)->line, ==, 19);

  g_assert_cmpuint (parsed.rejections->len, ==, 4);
  assert_rejection (parsed.rejections, 0, 6, "END:VCARD");
  assert_rejection (parsed.rejections, 1, 13, "not a vCard property");
  assert_rejection (parsed.rejections, 2, 16, "BEGIN:VCARD");
  assert_rejection (parsed.rejections, 3, 23, "END:VCARD");
}

static void
test_invalid_utf8 (void)
{
  g_auto(Parsed) parsed = parse_sample ("invalid-utf8.vcf");
  CrmContactDraft *draft;

  g_assert_cmpuint (parsed.drafts->len, ==, 1);
  draft = draft_at (&parsed, 0);
  /* assert_draft_valid() checked every string; the good parts survive. */
  g_assert_true (g_str_has_prefix (draft->display_name, "Bad "));
  g_assert_true (g_str_has_suffix (draft->display_name, " Bytes"));
  g_assert_nonnull (strstr (draft->display_name, "\xEF\xBF\xBD"));
  g_assert_cmpstr (draft->family_name, ==, "Bytes");
  g_assert_true (g_str_has_prefix (draft->notes, "ok "));
  g_assert_nonnull (g_hash_table_lookup (draft->extra, "X-THING"));
}

static void
test_folding (void)
{
  /* CRLF + space, LF + tab, a lone CR as line end, a UTF-8 BOM, blank lines. */
  const char *text =
    "\xEF\xBB\xBF" "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Maximilian\r\n"
    "  Mustermann\r\n"
    "NOTE:one\n"
    "\ttwo\n"
    " three\r"
    "EMAIL:max@\r\n"
    " example.org\r\n"
    "\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\nFN:Second\nEND:VCARD";
  g_auto(Parsed) parsed = parse_text (text, -1);

  g_assert_cmpuint (parsed.rejections->len, ==, 0);
  g_assert_cmpuint (parsed.drafts->len, ==, 2);
  g_assert_cmpstr (draft_at (&parsed, 0)->display_name, ==, "Maximilian Mustermann");
  g_assert_cmpstr (draft_at (&parsed, 0)->notes, ==, "onetwothree");
  crm_test_assert_strv (draft_at (&parsed, 0)->emails, "max@example.org", NULL);
  g_assert_cmpstr (draft_at (&parsed, 1)->display_name, ==, "Second");
  g_assert_cmpuint (draft_at (&parsed, 1)->line, ==, 12);
}

static void
test_quoted_printable (void)
{
  const char *text =
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "FN;ENCODING=QUOTED-PRINTABLE:Fran=C3=A7ois=\r\n"
    " Dupont\r\n"
    "NOTE;QUOTED-PRINTABLE;CHARSET=UTF-8:a=3Db=\r\n"
    "=0D=0Anext line=\r\n"
    "\r\n"
    "TEL;CELL:+33 6 12 34 56 78\r\n"
    "X-RAW;ENCODING=QUOTED-PRINTABLE:100=25 =ZZ end=\r\n"
    "END:VCARD\r\n";
  g_auto(Parsed) parsed = parse_text (text, -1);
  CrmContactDraft *draft = draft_at (&parsed, 0);

  g_assert_cmpuint (parsed.rejections->len, ==, 0);
  /* After a soft break the blank that starts the next line is content. */
  g_assert_cmpstr (draft->display_name, ==, "François Dupont");
  g_assert_cmpstr (draft->notes, ==, "a=b\nnext line");
  crm_test_assert_strv (draft->phones, "+33 6 12 34 56 78", NULL);
  /* "=" at the very end of the card does not swallow END:VCARD. */
  crm_test_assert_extra (draft, "X-RAW", "100% =ZZ end");
}

/* 8-bit values in the charset the card names, converted before escapes are
 * read: in Big5, 許 and 功 end with the byte of a backslash. */
/* NUL bytes are bytes like others: not the end of a value. */
static void
test_nul_bytes (void)
{
  static const char text[] =
    "BEGIN:VCARD\r\nFN:a\0b\r\nPHOTO;ENCODING=b:\0\0AAAA\r\nEND:VCARD\r\n";
  g_auto(Parsed) parsed = parse_text (text, sizeof text - 1);
  CrmContactDraft *draft = draft_at (&parsed, 0);

  g_assert_cmpstr (draft->display_name, ==, "a\xEF\xBF\xBD" "b");
  g_assert_nonnull (draft->photo);
  g_assert_cmpuint (g_bytes_get_size (draft->photo), ==, 3);
}

static void
test_charsets (void)
{
  const char *text =
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "FN;CHARSET=BIG5:\xB3\x5C\xA5\x5C\r\n"
    "N;CHARSET=ISO-8859-1:Ren\xE9;Zo\xEB\r\n"
    "ORG;CHARSET=GBK:\xB1\xB1\xBE\xA9\r\n"
    "TITLE;CHARSET=X-NO-SUCH-CHARSET:caf\xE9\r\n"
    "NOTE;CHARSET=UTF-8:bad \xC3 byte\r\n"
    "END:VCARD\r\n";
  g_auto(Parsed) parsed = parse_text (text, -1);
  CrmContactDraft *draft = draft_at (&parsed, 0);

  g_assert_cmpstr (draft->display_name, ==, "許功");
  g_assert_cmpstr (draft->family_name, ==, "René");
  g_assert_cmpstr (draft->given_name, ==, "Zoë");
  g_assert_cmpstr (draft->organization, ==, "北京");
  g_assert_cmpstr (draft->title, ==, "caf\xEF\xBF\xBD");
  g_assert_cmpstr (draft->notes, ==, "bad \xEF\xBF\xBD byte");
}

static void
test_escapes_and_params (void)
{
  const char *text =
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Smith\\, John \\\\ Jr.\r\n"
    "N:O\\;Brien;John;;;\r\n"
    "ORG:Acme\\; Sons;Research;Lab 2\r\n"
    "NOTE:line one\\nline two\\Nline three\\, end\r\n"
    "CATEGORIES:a\\,b,c, d ,,c\r\n"
    "TEL;TYPE=\"work,voice\";TYPE=pref:+1 555 0100\r\n"
    "TEL;TYPE=home:tel:+1 555 0199\r\n"
    "EMAIL;TYPE=INTERNET:mailto:john@example.com\r\n"
    "EMAIL:JOHN@example.com\r\n"
    "X-GENDER:Male\r\n"
    "X-EMPTY:\r\n"
    "PHOTO;ENCODING=b:A\r\n"
    "TITLE :Boss\r\n"
    "X-ODD;X-NAME=\"with ; and : inside\":value\r\n"
    "END:VCARD\r\n";
  g_auto(Parsed) parsed = parse_text (text, -1);
  CrmContactDraft *draft = draft_at (&parsed, 0);

  g_assert_cmpstr (draft->display_name, ==, "Smith, John \\ Jr.");
  g_assert_cmpstr (draft->family_name, ==, "O;Brien");
  g_assert_cmpstr (draft->organization, ==, "Acme; Sons");
  g_assert_cmpstr (draft->department, ==, "Research, Lab 2");
  g_assert_cmpstr (draft->notes, ==, "line one\nline two\nline three, end");
  crm_test_assert_strv (draft->tags, "a,b", "c", "d", NULL);
  crm_test_assert_strv (draft->phones, "+1 555 0100", "+1 555 0199", NULL);
  /* mailto: goes; the same address twice is one. */
  crm_test_assert_strv (draft->emails, "john@example.com", NULL);
  g_assert_cmpstr (draft->gender, ==, "male");
  g_assert_false (g_hash_table_contains (draft->extra, "X-EMPTY"));
  g_assert_cmpstr (draft->title, ==, "Boss");
  g_assert_null (draft->photo);
  crm_test_assert_extra (draft, "X-ODD", "value");
}

static void
test_birthdays (void)
{
  const struct { const char *bday; const char *iso; const char *extra; } cases[] = {
    { "19850412", "1985-04-12", NULL },
    { "1985-04-12", "1985-04-12", NULL },
    { "--0412", "--04-12", NULL },
    { "--04-12", "--04-12", NULL },
    { "1985-04-12T10:30:00Z", "1985-04-12", NULL },
    { "19850412T103000", "1985-04-12", NULL },
    { "2000-02-29", "2000-02-29", NULL },
    { "1999-02-29", "", "1999-02-29" },
    { "1985-13-01", "", "1985-13-01" },
    { "April 12", "", "April 12" },
    { "1985-04", "", "1985-04" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("BEGIN:VCARD\r\nFN:X\r\nBDAY:%s\r\nEND:VCARD\r\n",
                                               cases[i].bday);
      g_auto(Parsed) parsed = parse_text (text, -1);
      CrmContactDraft *draft = draft_at (&parsed, 0);

      g_assert_cmpstr (draft->birth_date, ==, cases[i].iso);
      crm_test_assert_extra (draft, "BDAY", cases[i].extra);
    }
}

static void
test_genders (void)
{
  const struct { const char *line; const char *gender; } cases[] = {
    { "GENDER:M", "male" }, { "GENDER:F;she/her", "female" }, { "GENDER:O", "other" },
    { "GENDER:N", "" }, { "GENDER:U", "" }, { "X-GENDER:female", "female" },
    { "X-GENDER:男", "male" }, { "X-GENDER:Non-binary", "other" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("BEGIN:VCARD\r\nFN:X\r\n%s\r\nEND:VCARD\r\n",
                                               cases[i].line);
      g_auto(Parsed) parsed = parse_text (text, -1);

      g_assert_cmpstr (draft_at (&parsed, 0)->gender, ==, cases[i].gender);
    }
}

static char *
card_with_photo (gsize size)
{
  g_autofree guint8 *data = g_malloc0 (size);
  g_autofree char *encoded = NULL;

  memcpy (data, "\xFF\xD8\xFF\xE0", 4);
  encoded = g_base64_encode (data, size);
  return g_strdup_printf ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Photo\r\n"
                          "PHOTO;ENCODING=b;TYPE=JPEG:%s\r\nEND:VCARD\r\n"
                          "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:After\r\nEND:VCARD\r\n",
                          encoded);
}

static void
test_photo_limit (void)
{
  /* Exactly at the limit (its base64 ends in padding) passes; a byte more not. */
  g_autofree char *small = card_with_photo (CRM_VCARD_MAX_PHOTO);
  g_autofree char *big = card_with_photo (CRM_VCARD_MAX_PHOTO + 1);

  {
    g_auto(Parsed) parsed = parse_text (small, -1);

    g_assert_cmpuint (parsed.drafts->len, ==, 2);
    g_assert_cmpuint (g_bytes_get_size (draft_at (&parsed, 0)->photo), ==, CRM_VCARD_MAX_PHOTO);
  }
  {
    g_auto(Parsed) parsed = parse_text (big, -1);

    g_assert_cmpuint (parsed.drafts->len, ==, 1);
    g_assert_cmpstr (draft_at (&parsed, 0)->display_name, ==, "After");
    g_assert_cmpuint (parsed.rejections->len, ==, 1);
    assert_rejection (parsed.rejections, 0, 4, "photo");
  }
}

static void
test_line_limit (void)
{
  GString *text = g_string_new ("BEGIN:VCARD\r\nFN:Long\r\nX-BLOB:");
  g_auto(Parsed) parsed = { NULL, NULL };

  /* Folded, so that no physical line is long; the logical line is. */
  for (gsize i = 0; i < CRM_VCARD_MAX_LINE / 64 + 10; i++)
    g_string_append (text, "0123456789012345678901234567890123456789012345678901234567890123\r\n ");
  g_string_append (text, "end\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Next\r\nEND:VCARD\r\n");

  parsed = parse_text (text->str, text->len);
  g_assert_cmpuint (parsed.drafts->len, ==, 1);
  g_assert_cmpstr (draft_at (&parsed, 0)->display_name, ==, "Next");
  g_assert_cmpuint (parsed.rejections->len, ==, 1);
  assert_rejection (parsed.rejections, 0, 3, "longer");
  g_string_free (text, TRUE);
}

static void
test_utf16 (void)
{
  const char *card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王芳\r\nEND:VCARD\r\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *utf16 = NULL;
  gsize length = 0;
  GString *data;
  g_auto(Parsed) parsed = { NULL, NULL };

  utf16 = g_convert (card, -1, "UTF-16LE", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  data = g_string_new_len ("\xFF\xFE", 2);
  g_string_append_len (data, utf16, length);

  parsed = parse_text (data->str, data->len);
  g_assert_cmpuint (parsed.drafts->len, ==, 1);
  g_assert_cmpstr (draft_at (&parsed, 0)->display_name, ==, "王芳");
  g_string_free (data, TRUE);
}

/* The reader hands out the first card long before it has read the file. */
static void
test_streaming (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(CrmVcardReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  CrmContactDraft *draft;
  guint count = 0;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Person %u\r\n"
                            "EMAIL:person%u@example.com\r\nEND:VCARD\r\n", i, i);
  bytes = g_bytes_new (text->str, text->len);
  stream = g_memory_input_stream_new_from_bytes (bytes);
  reader = crm_vcard_reader_new (stream);

  while ((draft = crm_vcard_reader_next (reader, NULL, &error)) != NULL)
    {
      g_autofree char *name = g_strdup_printf ("Person %u", count);

      g_assert_cmpstr (draft->display_name, ==, name);
      if (count == 0)
        g_assert_cmpuint (crm_vcard_reader_get_bytes_read (reader), <, text->len / 10);
      count++;
      crm_contact_draft_free (draft);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 20000);
  g_assert_cmpuint (crm_vcard_reader_get_bytes_read (reader), ==, text->len);
}

static void
test_cancel (void)
{
  g_autoptr(GBytes) bytes = sample_bytes ("google.vcf");
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(CrmVcardReader) reader = crm_vcard_reader_new (stream);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_null (crm_vcard_reader_next (reader, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_not_vcard (void)
{
  const char *csv = "name,email\nJane,jane@example.com\n";
  g_autoptr(GPtrArray) rejections = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmVcardReader) reader = NULL;

  drafts = crm_vcard_parse_data (csv, strlen (csv), &rejections, &error);
  g_assert_error (error, CRM_VCARD_ERROR, CRM_VCARD_ERROR_NOT_VCARD);
  g_assert_null (drafts);
  g_clear_error (&error);

  drafts = crm_vcard_parse_data ("", 0, NULL, &error);
  g_assert_error (error, CRM_VCARD_ERROR, CRM_VCARD_ERROR_NOT_VCARD);
  g_clear_error (&error);

  reader = crm_vcard_reader_new_for_path ("/nonexistent/contacts.vcf", &error);
  g_assert_null (reader);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_nested_agent (void)
{
  const char *text =
    "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Boss\r\nAGENT:\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Assistant\r\nAGENT:\r\n"
    "BEGIN:VCARD\r\nFN:Deputy\r\nEND:VCARD\r\n"
    "END:VCARD\r\n"
    "TEL:+1 555 0100\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nFN:Next\r\nEND:VCARD\r\n";
  g_auto(Parsed) parsed = parse_text (text, -1);

  g_assert_cmpuint (parsed.drafts->len, ==, 2);
  g_assert_cmpstr (draft_at (&parsed, 1)->display_name, ==, "Next");
  g_assert_cmpuint (parsed.rejections->len, ==, 0);
  g_assert_cmpstr (draft_at (&parsed, 0)->display_name, ==, "Boss");
  crm_test_assert_strv (draft_at (&parsed, 0)->phones, "+1 555 0100", NULL);
}

/* Writes, checks the lines (CRLF, at most 75 octets, whole UTF-8
 * characters), reads back and compares. */
static CrmContactDraft *
write_and_read (CrmContactDraft *draft)
{
  g_autofree char *card = crm_vcard_format_draft (draft);
  g_auto(GStrv) lines = NULL;
  g_auto(Parsed) parsed = { NULL, NULL };
  guint n;

  g_assert_true (g_str_has_prefix (card, "BEGIN:VCARD\r\nVERSION:4.0\r\n"));
  g_assert_true (g_str_has_suffix (card, "END:VCARD\r\n"));
  lines = g_strsplit (card, "\r\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpstr (lines[n - 1], ==, "");
  for (guint i = 0; i + 1 < n; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_null (strchr (lines[i], '\n'));
      g_assert_null (strchr (lines[i], '\r'));
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
    }

  parsed = parse_text (card, -1);
  g_assert_cmpuint (parsed.rejections->len, ==, 0);
  g_assert_cmpuint (parsed.drafts->len, ==, 1);
  return g_ptr_array_steal_index (parsed.drafts, 0);
}

static void
add_strings (GPtrArray  *array,
             const char *first,
             ...)
{
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    g_ptr_array_add (array, g_strdup (s));
  va_end (args);
}

static void
set (char       **field,
     const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
test_round_trip (void)
{
  g_autoptr(CrmContactDraft) full = crm_contact_draft_new ();
  g_autoptr(CrmContactDraft) chinese = crm_contact_draft_new ();
  g_autoptr(CrmContactDraft) sparse = crm_contact_draft_new ();
  CrmContactDraft *drafts[] = { full, chinese, sparse };

  set (&full->given_name, "Zoë");
  set (&full->family_name, "O'Neill-Smith; Jr.");
  set (&full->display_name, "Zoë O'Neill-Smith, Jr.");
  set (&full->organization, "Bits, Bytes & Co; Ltd.");
  set (&full->title, "Head of \\ Slashes");
  set (&full->department, "R&D, Lab 2");
  add_strings (full->emails, "zoe@example.com", "zoe.private@example.org", NULL);
  add_strings (full->phones, "+44 20 7946 0000", "+44 7700 900123 ext. 12", NULL);
  set (&full->street, "Flat 3\n221B Baker Street");
  set (&full->city, "London");
  set (&full->region, "Greater London");
  set (&full->postal_code, "NW1 6XE");
  set (&full->country, "GB");
  set (&full->birth_date, "1979-12-31");
  set (&full->gender, "female");
  set (&full->language, "en-GB");
  set (&full->website, "https://zoe.example.com/a,b;c?x=1");
  set (&full->notes, "First line, with commas; and semicolons.\nSecond line: 🎉 done \\o/");
  add_strings (full->tags, "vip", "a,b", "newsletter", NULL);
  full->photo = sample_bytes ("avatar.jpg");
  set (&full->photo_mime, "image/jpeg");
  g_hash_table_insert (full->extra, g_strdup ("UID"), g_strdup ("urn:uuid:0b6d7a52-3c0e-4f4b-9d1e-5e1f2a3b4c5d"));
  g_hash_table_insert (full->extra, g_strdup ("X-SKYPE"), g_strdup ("zoe.skype"));
  g_hash_table_insert (full->extra, g_strdup ("N (prefix)"), g_strdup ("Ms."));
  g_hash_table_insert (full->extra, g_strdup ("Lieblingsfarbe (\"Custom\"; ^caret)"), g_strdup ("Grün\nund Blau"));
  g_hash_table_insert (full->extra, g_strdup ("EMAIL"), g_strdup ("a CSV column named like a property"));
  g_hash_table_insert (full->extra, g_strdup ("URL (GitHub)"), g_strdup ("https://github.com/zoe"));

  set (&chinese->given_name, "晓明");
  set (&chinese->family_name, "欧阳");
  set (&chinese->display_name, "欧阳晓明");
  set (&chinese->organization, "上海浦东发展银行股份有限公司");
  set (&chinese->notes, "这是一段很长的中文备注，用来检查折行时不会把一个汉字的字节拆开。"
                        "每个汉字占三个字节，所以七十五个字节的边界经常落在字符中间。");
  add_strings (chinese->phones, "+86 21 6161 8888", NULL);
  set (&chinese->birth_date, "--02-29");
  set (&chinese->gender, "male");
  chinese->photo = sample_bytes ("avatar.png");
  set (&chinese->photo_mime, "image/png");

  set (&sparse->display_name, "Only A Name");

  for (guint i = 0; i < G_N_ELEMENTS (drafts); i++)
    {
      g_autoptr(CrmContactDraft) back = write_and_read (drafts[i]);

      crm_test_assert_drafts_equal (drafts[i], back);
    }
}

/* What the reader makes of each sample, the writer writes, and the reader
 * reads back the same. */
static void
test_samples_round_trip (void)
{
  const char *samples[] = {
    "google.vcf", "apple.vcf", "outlook.vcf", "android-zh.vcf", "v4.vcf", "invalid-utf8.vcf",
  };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_auto(Parsed) parsed = parse_sample (samples[i]);

      for (guint j = 0; j < parsed.drafts->len; j++)
        {
          g_autoptr(CrmContactDraft) back = write_and_read (draft_at (&parsed, j));

          crm_test_assert_drafts_equal (draft_at (&parsed, j), back);
        }
    }
}

static void
test_writer_format (void)
{
  g_autoptr(CrmContactDraft) draft = crm_contact_draft_new ();
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *card = NULL;
  g_autofree char *written = NULL;

  set (&draft->given_name, "Wei");
  set (&draft->family_name, "张");
  set (&draft->birth_date, "1990-07-01");
  add_strings (draft->emails, "a@example.com", "b@example.com", NULL);
  add_strings (draft->tags, "x", "Smith, Jones", "a;b\\c", "客户，重要", "=1", NULL);
  card = crm_vcard_format_draft (draft);

  /* FN composed family-first for Chinese names; the first email preferred. */
  g_assert_nonnull (strstr (card, "\r\nFN:张Wei\r\n"));
  g_assert_nonnull (strstr (card, "\r\nN:张;Wei;;;\r\n"));
  g_assert_nonnull (strstr (card, "\r\nEMAIL;PREF=1:a@example.com\r\nEMAIL:b@example.com\r\n"));
  g_assert_nonnull (strstr (card, "\r\nBDAY:19900701\r\n"));
  /* RFC 6350: a comma, semicolon or backslash inside a value is escaped */
  g_assert_nonnull (strstr (card, "\r\nCATEGORIES:x,Smith\\, Jones,a\\;b\\\\c,客户，重要,=1\r\n"));
  g_assert_null (strstr (card, "ORG:"));
  g_assert_null (strstr (card, "PHOTO"));

  g_assert_true (crm_vcard_write_draft (stream, draft, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  written = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                       g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
  g_assert_cmpstr (written, ==, card);

  {
    g_autoptr(CrmContactDraft) back = write_and_read (draft);

    crm_test_assert_strv (back->tags, "x", "Smith, Jones", "a;b\\c", "客户，重要", "=1", NULL);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vcard/read/google", test_google);
  g_test_add_func ("/vcard/read/apple", test_apple);
  g_test_add_func ("/vcard/read/outlook", test_outlook);
  g_test_add_func ("/vcard/read/android-chinese", test_android_chinese);
  g_test_add_func ("/vcard/read/version-4", test_version_4);
  g_test_add_func ("/vcard/read/broken", test_broken);
  g_test_add_func ("/vcard/read/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/vcard/read/folding", test_folding);
  g_test_add_func ("/vcard/read/quoted-printable", test_quoted_printable);
  g_test_add_func ("/vcard/read/charsets", test_charsets);
  g_test_add_func ("/vcard/read/nul-bytes", test_nul_bytes);
  g_test_add_func ("/vcard/read/escapes-and-params", test_escapes_and_params);
  g_test_add_func ("/vcard/read/birthdays", test_birthdays);
  g_test_add_func ("/vcard/read/genders", test_genders);
  g_test_add_func ("/vcard/read/photo-limit", test_photo_limit);
  g_test_add_func ("/vcard/read/line-limit", test_line_limit);
  g_test_add_func ("/vcard/read/utf16", test_utf16);
  g_test_add_func ("/vcard/read/streaming", test_streaming);
  g_test_add_func ("/vcard/read/cancel", test_cancel);
  g_test_add_func ("/vcard/read/not-vcard", test_not_vcard);
  g_test_add_func ("/vcard/read/nested-agent", test_nested_agent);
  g_test_add_func ("/vcard/write/format", test_writer_format);
  g_test_add_func ("/vcard/write/round-trip", test_round_trip);
  g_test_add_func ("/vcard/write/samples-round-trip", test_samples_round_trip);

  return g_test_run ();
}
