/* test-csv.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CSV reader, the header mapping and the writer, against hand-written
 * samples of each exporter, encoding and separator in tests/core/data/csv/.
 */

#define G_LOG_DOMAIN "TestCsv"

#include "config.h"

#include <string.h>

#include "crm-csv.h"
#include "crm-csv-mapping.h"
#include "crm-csv-tags.h"
#include "crm-csv-writer.h"
#include "crm-test-util.h"

typedef struct
{
  guint            line;
  CrmCsvRowProblem problem;
  char            *reason;
} Problem;

typedef struct
{
  char          *encoding;
  char           separator;
  gboolean       has_bom;
  CrmCsvMapping *mapping;
  GPtrArray     *rows;       /* GStrv, the data rows */
  GPtrArray     *drafts;     /* CrmContactDraft, one per data row */
  GArray        *problems;   /* Problem */
} Result;

static void
problem_clear (gpointer data)
{
  g_free (((Problem *) data)->reason);
}

static void
result_free (Result *result)
{
  g_free (result->encoding);
  g_clear_pointer (&result->mapping, crm_csv_mapping_free);
  g_ptr_array_unref (result->rows);
  g_ptr_array_unref (result->drafts);
  g_array_unref (result->problems);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Result, result_free)

static Result *
read_reader (CrmCsvReader *reader)
{
  g_autoptr(GError) error = NULL;
  Result *result = g_new0 (Result, 1);
  const CrmCsvRow *row;

  result->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  result->drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_contact_draft_free);
  result->problems = g_array_new (FALSE, FALSE, sizeof (Problem));
  g_array_set_clear_func (result->problems, problem_clear);

  while ((row = crm_csv_reader_read_row (reader, NULL, &error)) != NULL)
    {
      g_assert_cmpuint (row->n_fields, >=, 1);
      g_assert_null (row->fields[row->n_fields]);
      for (guint i = 0; i < row->n_fields; i++)
        g_assert_true (g_utf8_validate (row->fields[i], -1, NULL));
      g_assert_true ((row->problem == CRM_CSV_ROW_OK) == (row->reason == NULL));

      if (row->problem != CRM_CSV_ROW_OK)
        {
          Problem problem = { row->line, row->problem, g_strdup (row->reason) };

          g_array_append_val (result->problems, problem);
        }

      if (result->mapping == NULL)
        {
          result->mapping = crm_csv_mapping_new (row->fields, row->n_fields);
          continue;
        }

      g_ptr_array_add (result->rows, g_strdupv ((char **) row->fields));
      g_ptr_array_add (result->drafts, crm_csv_mapping_apply (result->mapping, row->fields,
                                                              row->n_fields, row->line));
    }
  g_assert_no_error (error);

  result->encoding = g_strdup (crm_csv_reader_get_encoding (reader));
  result->separator = crm_csv_reader_get_separator (reader);
  result->has_bom = crm_csv_reader_get_has_bom (reader);

  return result;
}

static Result *
read_sample (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "data", "csv", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCsvReader) reader = crm_csv_reader_new_for_path (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reader);

  return read_reader (reader);
}

static Result *
read_data (const void *data,
           gsize       len)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, len, NULL);
  g_autoptr(CrmCsvReader) reader = crm_csv_reader_new (stream);

  return read_reader (reader);
}

static CrmContactDraft *
draft_at (Result *result,
          guint   i)
{
  g_assert_cmpuint (i, <, result->drafts->len);
  return g_ptr_array_index (result->drafts, i);
}

static void
assert_no_problems (Result *result)
{
  for (guint i = 0; i < result->problems->len; i++)
    g_test_message ("line %u: %s", g_array_index (result->problems, Problem, i).line,
                    g_array_index (result->problems, Problem, i).reason);
  g_assert_cmpuint (result->problems->len, ==, 0);
}

/* Exporters */

static void
test_google_old (void)
{
  g_autoptr(Result) r = read_sample ("google-old.csv");
  CrmContactDraft *d;

  g_assert_cmpstr (r->encoding, ==, "UTF-8");
  g_assert_cmpint (r->separator, ==, ',');
  assert_no_problems (r);
  g_assert_cmpuint (r->drafts->len, ==, 2);

  d = draft_at (r, 0);
  g_assert_cmpuint (d->line, ==, 2);
  g_assert_cmpstr (d->display_name, ==, "José Álvarez");
  g_assert_cmpstr (d->given_name, ==, "José");
  g_assert_cmpstr (d->family_name, ==, "Álvarez");
  g_assert_cmpstr (d->organization, ==, "Ferretería Álvarez S.L.");
  g_assert_cmpstr (d->title, ==, "Gerente");
  g_assert_cmpstr (d->department, ==, "Ventas");
  crm_test_assert_strv (d->emails, "jose.alvarez@example.es", "pepe@example.com", NULL);
  crm_test_assert_strv (d->phones, "+34 612 345 678", "+34 91 123 4567", NULL);
  g_assert_cmpstr (d->street, ==, "Calle Mayor 1");
  g_assert_cmpstr (d->city, ==, "Madrid");
  g_assert_cmpstr (d->region, ==, "Madrid");
  g_assert_cmpstr (d->postal_code, ==, "28013");
  g_assert_cmpstr (d->country, ==, "Spain");
  g_assert_cmpstr (d->birth_date, ==, "1985-04-12");
  g_assert_cmpstr (d->gender, ==, "male");
  g_assert_cmpstr (d->language, ==, "es");
  g_assert_cmpstr (d->website, ==, "https://ferreteria-alvarez.example.es");
  g_assert_cmpstr (d->notes, ==, "Met at the Madrid trade fair");
  crm_test_assert_strv (d->tags, "Clientes", NULL);
  crm_test_assert_extra (d, "Nickname", "Pepe");
  crm_test_assert_extra (d, "E-mail 1 - Type", "* Work");
  crm_test_assert_extra (d, "Address 1 - Formatted", "Calle Mayor 1\r\n28013 Madrid");

  d = draft_at (r, 1);
  g_assert_cmpuint (d->line, ==, 4);
  g_assert_cmpstr (d->display_name, ==, "张伟");
  g_assert_cmpstr (d->given_name, ==, "伟");
  g_assert_cmpstr (d->family_name, ==, "张");
  crm_test_assert_strv (d->emails, "zhang.wei@example.cn", "zw@example.cn", NULL);
  crm_test_assert_strv (d->phones, "138 0013 8000", NULL);
  g_assert_cmpstr (d->birth_date, ==, "");
  crm_test_assert_extra (d, "Birthday", "--06-01");
  g_assert_cmpstr (d->language, ==, "zh-CN");
  g_assert_cmpstr (d->organization, ==, "北京华联科技有限公司");
  g_assert_cmpstr (d->title, ==, "采购经理");
  g_assert_cmpstr (d->region, ==, "北京市");
  g_assert_cmpstr (d->country, ==, "中国");
  crm_test_assert_strv (d->tags, "供应商", NULL);
}

static void
test_google_2023 (void)
{
  g_autoptr(Result) r = read_sample ("google-2023.csv");
  CrmContactDraft *d;

  assert_no_problems (r);
  g_assert_cmpuint (r->drafts->len, ==, 2);

  d = draft_at (r, 0);
  g_assert_cmpstr (d->given_name, ==, "Zoë");
  g_assert_cmpstr (d->family_name, ==, "Müller");
  g_assert_cmpstr (d->display_name, ==, "");
  g_assert_cmpstr (d->organization, ==, "Müller & Söhne GmbH");
  g_assert_cmpstr (d->title, ==, "Geschäftsführerin");
  g_assert_cmpstr (d->department, ==, "Geschäftsleitung");
  g_assert_cmpstr (d->birth_date, ==, "1979-11-30");
  g_assert_cmpstr (d->notes, ==, "Prefers email, not calls");
  crm_test_assert_strv (d->tags, "VIP", "Partner", NULL);
  crm_test_assert_strv (d->emails, "zoe.mueller@example.de", NULL);
  crm_test_assert_strv (d->phones, "+49 30 1234567", "+49 171 2345678", NULL);
  g_assert_cmpstr (d->street, ==, "Hauptstraße 5");
  g_assert_cmpstr (d->postal_code, ==, "10115");
  g_assert_cmpstr (d->website, ==, "https://mueller-soehne.example.de");
  crm_test_assert_extra (d, "Name Prefix", "Dr.");
  crm_test_assert_extra (d, "E-mail 1 - Label", "Work");

  d = draft_at (r, 1);
  g_assert_cmpstr (d->given_name, ==, "丽");
  g_assert_cmpstr (d->family_name, ==, "王");
  g_assert_cmpstr (d->organization, ==, "上海星辰贸易有限公司");
  g_assert_cmpuint (d->tags->len, ==, 0);
  crm_test_assert_extra (d, "Phonetic First Name", "Li");
  crm_test_assert_extra (d, "Phonetic Last Name", "Wang");
  g_assert_cmpuint (d->phones->len, ==, 1);
}

static void
test_outlook_en (void)
{
  g_autoptr(Result) r = read_sample ("outlook-en.csv");
  CrmContactDraft *d;

  g_assert_cmpstr (r->encoding, ==, "UTF-8");
  assert_no_problems (r);
  g_assert_cmpuint (r->drafts->len, ==, 2);
  /* "Title" is the salutation when there is a "Job Title" */
  g_assert_null (crm_csv_mapping_get_key (r->mapping, 0));
  g_assert_cmpstr (crm_csv_mapping_get_key (r->mapping, 7), ==, "title");

  d = draft_at (r, 0);
  g_assert_cmpstr (d->given_name, ==, "John");
  g_assert_cmpstr (d->family_name, ==, "O'Brien");
  g_assert_cmpstr (d->organization, ==, "Acme Corporation");
  g_assert_cmpstr (d->department, ==, "Purchasing");
  g_assert_cmpstr (d->title, ==, "Head of Procurement");
  crm_test_assert_extra (d, "Title", "Mr.");
  crm_test_assert_extra (d, "Middle Name", "Q.");
  g_assert_cmpstr (d->street, ==, "500 Main Street");
  crm_test_assert_extra (d, "Business Street 2", "Suite 200");
  g_assert_cmpstr (d->city, ==, "Springfield");
  g_assert_cmpstr (d->region, ==, "IL");
  g_assert_cmpstr (d->country, ==, "United States of America");
  crm_test_assert_strv (d->phones, "+1 (217) 555-0123", "+1 217 555 0188", NULL);
  crm_test_assert_extra (d, "Assistant's Phone", "+1 217 555 0100");
  crm_test_assert_extra (d, "Business Fax", "+1 217 555 0199");
  g_assert_cmpstr (d->birth_date, ==, "1975-03-14");
  crm_test_assert_strv (d->tags, "Key accounts", "Chicago", NULL);
  crm_test_assert_strv (d->emails, "john.obrien@acme.example", NULL);
  crm_test_assert_extra (d, "E-mail Display Name", "John O'Brien (john.obrien@acme.example)");
  g_assert_cmpstr (d->gender, ==, "male");
  g_assert_cmpstr (d->notes, ==, "\"Decision maker\" for the 2026 renewal");
  g_assert_cmpstr (d->website, ==, "www.acme.example");

  d = draft_at (r, 1);
  g_assert_cmpstr (d->given_name, ==, "Chloé");
  g_assert_cmpstr (d->street, ==, "12 Rue de la Paix");
  g_assert_cmpstr (d->city, ==, "Paris");
  g_assert_cmpstr (d->postal_code, ==, "75002");
  crm_test_assert_strv (d->phones, "+33 1 23 45 67 89", NULL);
  /* Outlook's empty date and "Unspecified" are no values */
  g_assert_cmpstr (d->birth_date, ==, "");
  g_assert_cmpstr (d->gender, ==, "");
  g_assert_false (g_hash_table_contains (d->extra, "Birthday"));
  g_assert_false (g_hash_table_contains (d->extra, "Gender"));
}

static void
test_outlook_de (void)
{
  g_autoptr(Result) r = read_sample ("outlook-de.csv");
  CrmContactDraft *d;

  g_assert_cmpstr (r->encoding, ==, "WINDOWS-1252");
  assert_no_problems (r);
  g_assert_cmpuint (r->drafts->len, ==, 2);

  d = draft_at (r, 0);
  g_assert_cmpstr (d->given_name, ==, "Jürgen");
  g_assert_cmpstr (d->family_name, ==, "Weiß");
  g_assert_cmpstr (d->organization, ==, "Bäckerei Weiß KG");
  g_assert_cmpstr (d->department, ==, "Einkauf");
  g_assert_cmpstr (d->title, ==, "Einkaufsleiter");
  g_assert_cmpstr (d->street, ==, "Königsallee 12");
  g_assert_cmpstr (d->city, ==, "Düsseldorf");
  g_assert_cmpstr (d->region, ==, "NRW");
  g_assert_cmpstr (d->postal_code, ==, "40212");
  g_assert_cmpstr (d->country, ==, "Deutschland");
  crm_test_assert_strv (d->phones, "0211 123456", "0172 9876543", NULL);
  g_assert_cmpstr (d->birth_date, ==, "1968-12-24");
  g_assert_cmpstr (d->gender, ==, "male");
  crm_test_assert_strv (d->tags, "Kunden", "Bäcker", NULL);
  crm_test_assert_strv (d->emails, "juergen.weiss@example.de", "j.weiss@example.com", NULL);
  crm_test_assert_extra (d, "E-Mail-Typ", "SMTP");
  crm_test_assert_extra (d, "E-Mail: Angezeigter Name", "Jürgen Weiß");
  crm_test_assert_extra (d, "Anrede", "Herr");
  g_assert_cmpstr (d->notes, ==, "Grüße an die Familie");

  d = draft_at (r, 1);
  g_assert_cmpstr (d->given_name, ==, "Anna-Lena");
  g_assert_cmpstr (d->family_name, ==, "Groß");
  g_assert_cmpstr (d->gender, ==, "female");
  g_assert_cmpstr (d->city, ==, "München");
}

static void
test_outlook_fr (void)
{
  g_autoptr(Result) r = read_sample ("outlook-fr.csv");
  CrmContactDraft *d;

  g_assert_cmpstr (r->encoding, ==, "UTF-8");
  g_assert_cmpint (r->separator, ==, ';');
  assert_no_problems (r);
  g_assert_cmpuint (r->drafts->len, ==, 2);
  g_assert_true (r->mapping->day_first);

  d = draft_at (r, 0);
  g_assert_cmpstr (d->given_name, ==, "François");
  g_assert_cmpstr (d->family_name, ==, "Lefèvre");
  g_assert_cmpstr (d->organization, ==, "Société Générale d'Équipement");
  g_assert_cmpstr (d->department, ==, "Achats");
  g_assert_cmpstr (d->title, ==, "Acheteur");
  g_assert_cmpstr (d->street, ==, "8, boulevard Haussmann");
  g_assert_cmpstr (d->region, ==, "Île-de-France");
  g_assert_cmpstr (d->postal_code, ==, "75009");
  crm_test_assert_strv (d->phones, "+33 1 40 00 00 00", "+33 6 12 34 56 78", NULL);
  g_assert_cmpstr (d->birth_date, ==, "1980-02-01");
  crm_test_assert_strv (d->emails, "francois.lefevre@example.fr", NULL);
  g_assert_cmpstr (d->notes, ==, "Rappeler \"avant\" midi");
  crm_test_assert_extra (d, "Titre", "M.");

  d = draft_at (r, 1);
  g_assert_cmpstr (d->given_name, ==, "Hélène");
  g_assert_cmpstr (d->family_name, ==, "Côté");
  g_assert_cmpstr (d->city, ==, "Lyon");
}

static void
test_outlook_es (void)
{
  g_autoptr(Result) r = read_sample ("outlook-es.csv");
  CrmContactDraft *d;

  g_assert_cmpstr (r->encoding, ==, "UTF-8");
  g_assert_true (r->has_bom);
  assert_no_problems (r);
  g_assert_cmpuint (r->drafts->len, ==, 1);
  /* the BOM is not part of the first header */
  g_assert_cmpstr (r->mapping->headers[0], ==, "Tratamiento");

  d = draft_at (r, 0);
  g_assert_cmpstr (d->given_name, ==, "María José");
  g_assert_cmpstr (d->family_name, ==, "Núñez Peña");
  g_assert_cmpstr (d->organization, ==, "Distribuciones Peña");
  g_assert_cmpstr (d->department, ==, "Compras");
  g_assert_cmpstr (d->title, ==, "Jefa de compras");
  g_assert_cmpstr (d->street, ==, "Avenida de la Constitución 20");
  g_assert_cmpstr (d->city, ==, "Sevilla");
  g_assert_cmpstr (d->region, ==, "Andalucía");
  g_assert_cmpstr (d->postal_code, ==, "41004");
  g_assert_cmpstr (d->country, ==, "España");
  crm_test_assert_strv (d->phones, "+34 954 123 456", "+34 600 111 222", NULL);
  g_assert_cmpstr (d->birth_date, ==, "1990-08-15");
  crm_test_assert_strv (d->tags, "Clientes", NULL);
  crm_test_assert_strv (d->emails, "mariajose.nunez@example.es", "mj@example.com", NULL);
  crm_test_assert_extra (d, "Tratamiento", "Sra.");
}

static void
test_outlook_zh (void)
{
  g_autoptr(Result) r = read_sample ("outlook-zh.csv");
  CrmContactDraft *d;

  g_assert_cmpstr (r->encoding, ==, "GB18030");
  g_assert_cmpint (r->separator, ==, ',');
  assert_no_problems (r);
  g_assert_cmpuint (r->drafts->len, ==, 2);

  d = draft_at (r, 0);
  g_assert_cmpuint (d->line, ==, 2);
  g_assert_cmpstr (d->given_name, ==, "建国");
  g_assert_cmpstr (d->family_name, ==, "李");
  g_assert_cmpstr (d->organization, ==, "深圳市前海创新科技有限公司");
  g_assert_cmpstr (d->department, ==, "市场部");
  g_assert_cmpstr (d->title, ==, "市场总监");
  g_assert_cmpstr (d->street, ==, "南山区科技园南路 88 号");
  g_assert_cmpstr (d->city, ==, "深圳");
  g_assert_cmpstr (d->region, ==, "广东省");
  g_assert_cmpstr (d->postal_code, ==, "518057");
  g_assert_cmpstr (d->country, ==, "中国");
  crm_test_assert_strv (d->phones, "0755-8888 6666", "0755-8888 7777", "139 2345 6789", NULL);
  g_assert_cmpstr (d->birth_date, ==, "1972-10-01");
  g_assert_cmpstr (d->gender, ==, "male");
  crm_test_assert_strv (d->tags, "重要客户", "深圳", NULL);
  crm_test_assert_strv (d->emails, "li.jianguo@example.cn", "jianguo@example.com", NULL);
  g_assert_cmpstr (d->notes, ==, "每周一上午联系，\r\n周五不在办公室");
  crm_test_assert_extra (d, "称谓", "先生");
  crm_test_assert_extra (d, "电子邮件显示名称", "李建国");

  d = draft_at (r, 1);
  g_assert_cmpuint (d->line, ==, 4);
  g_assert_cmpstr (d->given_name, ==, "芳");
  g_assert_cmpstr (d->family_name, ==, "陈");
  g_assert_cmpstr (d->gender, ==, "female");
  g_assert_cmpstr (d->region, ==, "浙江省");
}

static void
test_apple (void)
{
  g_autoptr(Result) r = read_sample ("apple.csv");
  CrmContactDraft *d;

  assert_no_problems (r);
  g_assert_cmpuint (r->drafts->len, ==, 2);

  d = draft_at (r, 0);
  g_assert_cmpstr (d->given_name, ==, "Søren");
  g_assert_cmpstr (d->family_name, ==, "Kierkegaard");
  g_assert_cmpstr (d->organization, ==, "Nørrebro Café");
  g_assert_cmpstr (d->title, ==, "Owner");
  crm_test_assert_strv (d->emails, "soren@example.dk", NULL);
  crm_test_assert_strv (d->phones, "+45 20 12 34 56", NULL);
  g_assert_cmpstr (d->street, ==, "Nørrebrogade 10");
  g_assert_cmpstr (d->city, ==, "København");
  g_assert_cmpstr (d->postal_code, ==, "2200");
  g_assert_cmpstr (d->country, ==, "Denmark");
  g_assert_cmpstr (d->birth_date, ==, "1983-05-05");
  g_assert_cmpstr (d->notes, ==, "Loves filter coffee");
  g_assert_cmpstr (d->website, ==, "https://norrebro-cafe.example.dk");

  d = draft_at (r, 1);
  g_assert_cmpstr (d->given_name, ==, "明");
  g_assert_cmpstr (d->family_name, ==, "刘");
  crm_test_assert_strv (d->emails, "liu.ming@example.cn", "ming.liu@example.com", NULL);
  crm_test_assert_strv (d->phones, "+86 135 0000 2222", "+86 10 6000 1234", NULL);
  g_assert_cmpstr (d->street, ==, "朝阳路 1 号");
}

static void
test_hubspot (void)
{
  g_autoptr(Result) r = read_sample ("hubspot.csv");
  CrmContactDraft *d;

  assert_no_problems (r);
  g_assert_cmpuint (r->drafts->len, ==, 2);

  d = draft_at (r, 0);
  g_assert_cmpstr (d->given_name, ==, "Ingrid");
  g_assert_cmpstr (d->family_name, ==, "Bjørnstad");
  crm_test_assert_strv (d->emails, "ingrid@fjord.example.no", NULL);
  crm_test_assert_strv (d->phones, "+47 22 12 34 56", "+47 912 34 567", NULL);
  g_assert_cmpstr (d->organization, ==, "Fjord Analytics AS");
  g_assert_cmpstr (d->title, ==, "CTO");
  g_assert_cmpstr (d->street, ==, "Karl Johans gate 1");
  g_assert_cmpstr (d->city, ==, "Oslo");
  g_assert_cmpstr (d->postal_code, ==, "0154");
  g_assert_cmpstr (d->country, ==, "Norway");
  g_assert_cmpstr (d->website, ==, "fjord.example.no");
  crm_test_assert_extra (d, "Record ID", "101");
  crm_test_assert_extra (d, "Lifecycle Stage", "customer");

  d = draft_at (r, 1);
  g_assert_cmpstr (d->given_name, ==, "晓明");
  g_assert_cmpstr (d->family_name, ==, "黄");
  g_assert_cmpstr (d->organization, ==, "广州云端软件有限公司");
  g_assert_cmpstr (d->region, ==, "广东");
}

static void
test_salesforce (void)
{
  g_autoptr(Result) r = read_sample ("salesforce.csv");
  CrmContactDraft *d;

  assert_no_problems (r);
  g_assert_cmpuint (r->drafts->len, ==, 2);

  d = draft_at (r, 0);
  g_assert_cmpstr (d->given_name, ==, "Łukasz");
  g_assert_cmpstr (d->family_name, ==, "Wiśniewski");
  /* no "Job Title" column: "Title" is the job title */
  g_assert_cmpstr (d->title, ==, "VP Sales");
  g_assert_cmpstr (d->organization, ==, "Polskie Maszyny S.A.");
  g_assert_cmpstr (d->street, ==, "ul. Marszałkowska 10");
  g_assert_cmpstr (d->city, ==, "Warszawa");
  g_assert_cmpstr (d->region, ==, "Mazowieckie");
  g_assert_cmpstr (d->postal_code, ==, "00-590");
  g_assert_cmpstr (d->country, ==, "Poland");
  crm_test_assert_strv (d->phones, "+48 22 123 45 67", "+48 601 234 567", NULL);
  crm_test_assert_strv (d->emails, "lukasz.w@maszyny.example.pl", NULL);
  g_assert_cmpstr (d->birth_date, ==, "1981-02-28");
  g_assert_cmpstr (d->department, ==, "Sales");
  /* a formula from another program is kept as text, unchanged */
  g_assert_cmpstr (d->notes, ==, "=HYPERLINK(\"http://evil.example\")");
  crm_test_assert_extra (d, "Salutation", "Mr.");
  crm_test_assert_extra (d, "Lead Source", "Trade Show");

  d = draft_at (r, 1);
  g_assert_cmpstr (d->given_name, ==, "秀英");
  g_assert_cmpstr (d->family_name, ==, "周");
  g_assert_cmpstr (d->organization, ==, "成都天府食品有限公司");
}

static void
test_salesforce_dataloader (void)
{
  g_autoptr(Result) r = read_sample ("salesforce-dataloader.csv");
  CrmContactDraft *d;

  assert_no_problems (r);
  g_assert_cmpuint (r->drafts->len, ==, 1);

  d = draft_at (r, 0);
  g_assert_cmpstr (d->given_name, ==, "Ayşe");
  g_assert_cmpstr (d->family_name, ==, "Yılmaz");
  g_assert_cmpstr (d->title, ==, "Chief Medical Officer");
  g_assert_cmpstr (d->department, ==, "Medical");
  crm_test_assert_strv (d->emails, "ayse.yilmaz@example.com.tr", NULL);
  crm_test_assert_strv (d->phones, "+90 212 555 0000", NULL);
  g_assert_cmpstr (d->street, ==, "İstiklal Cd. 5");
  g_assert_cmpstr (d->city, ==, "İstanbul");
  g_assert_cmpstr (d->postal_code, ==, "34433");
  g_assert_cmpstr (d->country, ==, "Turkey");
  g_assert_cmpstr (d->birth_date, ==, "1977-07-07");
  crm_test_assert_extra (d, "ACCOUNTID", "0015g00000XyZaB");
  crm_test_assert_extra (d, "SALUTATION", "Dr.");
}

static void
test_zoho (void)
{
  g_autoptr(Result) r = read_sample ("zoho.csv");
  CrmContactDraft *d;

  assert_no_problems (r);
  g_assert_cmpuint (r->drafts->len, ==, 2);

  d = draft_at (r, 0);
  g_assert_cmpstr (d->given_name, ==, "Rohan");
  g_assert_cmpstr (d->family_name, ==, "Mehta");
  g_assert_cmpstr (d->organization, ==, "Mehta Textiles Pvt Ltd");
  crm_test_assert_strv (d->emails, "rohan@mehta.example.in", "rohan.mehta@example.com", NULL);
  g_assert_cmpstr (d->title, ==, "Director");
  g_assert_cmpstr (d->department, ==, "Operations");
  crm_test_assert_strv (d->phones, "+91 22 4000 1234", "+91 98200 12345", NULL);
  g_assert_cmpstr (d->birth_date, ==, "1988-01-26");
  crm_test_assert_extra (d, "Email Opt Out", "false");
  g_assert_cmpstr (d->street, ==, "12 Marine Drive");
  g_assert_cmpstr (d->city, ==, "Mumbai");
  g_assert_cmpstr (d->region, ==, "Maharashtra");
  g_assert_cmpstr (d->postal_code, ==, "400002");
  g_assert_cmpstr (d->notes, ==, "Repeat customer");
  crm_test_assert_strv (d->tags, "Textiles", "Wholesale", NULL);

  d = draft_at (r, 1);
  g_assert_cmpstr (d->given_name, ==, "美玲");
  g_assert_cmpstr (d->family_name, ==, "林");
  g_assert_cmpstr (d->country, ==, "Taiwan");
}

/* Encodings and separators */

typedef struct
{
  const char *file;
  const char *encoding;
  char        separator;
  gboolean    bom;
  const char *given;
  const char *family;
  const char *organization;
} EncodingCase;

static const EncodingCase encoding_cases[] = {
  { "utf8.csv", "UTF-8", ',', FALSE, "张", "三", "示例公司" },
  { "utf8-bom.csv", "UTF-8", ',', TRUE, "张", "三", "示例公司" },
  { "utf16le.csv", "UTF-16LE", '\t', TRUE, "张", "三", "示例公司" },
  { "utf16be.csv", "UTF-16BE", '\t', TRUE, "张", "三", "示例公司" },
  { "utf16le-nobom.csv", "UTF-16LE", ',', FALSE, "张", "三", "示例公司" },
  { "gb18030.csv", "GB18030", ',', FALSE, "张", "三", "示例公司" },
  { "windows-1252.csv", "WINDOWS-1252", ',', FALSE, "Øyvind", "Ærø", "Smørrebrød A/S" },
  { "semicolon.csv", "UTF-8", ';', FALSE, "张", "三", "示例公司" },
  { "tab.csv", "UTF-8", '\t', FALSE, "张", "三", "示例公司" },
  { "excel-sep.csv", "UTF-8", ';', FALSE, "张", "三", "示例公司" },
};

static void
test_encodings (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (encoding_cases); i++)
    {
      const EncodingCase *c = &encoding_cases[i];
      g_autoptr(Result) r = NULL;
      CrmContactDraft *d;

      g_test_message ("%s", c->file);
      r = read_sample (c->file);
      g_assert_cmpstr (r->encoding, ==, c->encoding);
      g_assert_cmpint (r->separator, ==, c->separator);
      g_assert_cmpint (r->has_bom, ==, c->bom);
      assert_no_problems (r);
      g_assert_cmpuint (r->drafts->len, ==, 2);
      g_assert_cmpstr (r->mapping->headers[0], ==, "First Name");

      d = draft_at (r, 0);
      g_assert_cmpuint (d->line, ==, g_str_equal (c->file, "excel-sep.csv") ? 3 : 2);
      g_assert_cmpstr (d->given_name, ==, c->given);
      g_assert_cmpstr (d->family_name, ==, c->family);
      g_assert_cmpstr (d->organization, ==, c->organization);

      d = draft_at (r, 1);
      g_assert_cmpuint (d->emails->len, ==, 1);
      g_assert_cmpstr (d->emails->pdata[0], ==, "renee@example.ie");
    }
}

/* Large inputs cross many read chunks: multi-byte characters and UTF-16
 * code units are cut at chunk edges. */
static void
check_many_rows (const char *charset,
                 const char *expected_encoding)
{
  g_autoptr(GString) text = g_string_new ("名,姓,电子邮件地址,备注\r\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *converted = NULL;
  g_autoptr(Result) r = NULL;
  gsize len = 0;
  const guint n = 20000;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "伟%u,张,zw%u@example.cn,\"第%u行\n备注, 含逗号\"\r\n", i, i, i);

  if (g_str_equal (charset, "UTF-8"))
    converted = g_strndup (text->str, len = text->len);
  else
    converted = g_convert (text->str, text->len, charset, "UTF-8", NULL, &len, &error);
  g_assert_no_error (error);

  r = read_data (converted, len);
  g_assert_cmpstr (r->encoding, ==, expected_encoding);
  assert_no_problems (r);
  g_assert_cmpuint (r->drafts->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      CrmContactDraft *d = draft_at (r, i);
      g_autofree char *given = g_strdup_printf ("伟%u", i);
      g_autofree char *notes = g_strdup_printf ("第%u行\n备注, 含逗号", i);

      g_assert_cmpuint (d->line, ==, 2 + 2 * i);
      g_assert_cmpstr (d->given_name, ==, given);
      g_assert_cmpstr (d->family_name, ==, "张");
      g_assert_cmpstr (d->notes, ==, notes);
    }
}

static void
test_many_rows (void)
{
  check_many_rows ("UTF-8", "UTF-8");
  check_many_rows ("GB18030", "GB18030");
  check_many_rows ("UTF-16LE", "UTF-16LE");
  check_many_rows ("UTF-16BE", "UTF-16BE");
}

/* The first 64 KiB are ASCII; a later row decides the encoding. */
static void
check_late_encoding (const char *late_row,
                     const char *charset,
                     const char *expected_encoding,
                     const char *expected_family,
                     guint       expected_problems)
{
  g_autoptr(GString) text = g_string_new ("Given Name,Family Name,Email\n");
  g_autoptr(Result) r = NULL;
  g_autofree char *row = NULL;
  const guint n = 4000;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "Ann%u,Lee,ann%u@example.com\n", i, i);
  if (charset != NULL)
    row = g_convert (late_row, -1, charset, "UTF-8", NULL, NULL, NULL);
  else
    row = g_strdup (late_row);
  g_assert_nonnull (row);
  g_string_append (text, row);
  g_string_append (text, "Bob,Smith,bob@example.com\n");

  r = read_data (text->str, text->len);
  g_assert_cmpstr (r->encoding, ==, expected_encoding);
  g_assert_cmpuint (r->problems->len, ==, expected_problems);
  g_assert_cmpuint (r->drafts->len, ==, n + 2 + expected_problems);
  g_assert_cmpstr (draft_at (r, n)->family_name, ==, expected_family);
  g_assert_cmpuint (draft_at (r, n)->line, ==, n + 2);
  g_assert_cmpstr (draft_at (r, r->drafts->len - 1)->family_name, ==, "Smith");
}

static void
test_late_encoding (void)
{
  check_late_encoding ("Jürgen,Weiß,jw@example.de\n", "WINDOWS-1252", "WINDOWS-1252", "Weiß", 0);
  check_late_encoding ("三,张,zs@example.cn\n", "GB18030", "GB18030", "张", 0);
  check_late_encoding ("Zoë,Müller,zm@example.de\n", NULL, "UTF-8", "Müller", 0);
  /* once real UTF-8 was seen, a broken row is reported, not re-decoded */
  check_late_encoding ("Zoë,Müller,zm@example.de\nBad,Na\xe4me,x@example.com\n", NULL, "UTF-8",
                       "Müller", 1);
}

/* RFC 4180 */

static void
test_quoted (void)
{
  g_autoptr(Result) r = read_sample ("quoted.csv");
  CrmContactDraft *d;

  assert_no_problems (r);
  g_assert_cmpuint (r->drafts->len, ==, 5);

  d = draft_at (r, 0);
  g_assert_cmpuint (d->line, ==, 2);
  g_assert_cmpstr (d->given_name, ==, "Ann");
  g_assert_cmpstr (d->notes, ==, "line one\r\nline two");
  crm_test_assert_strv (d->emails, "ann@example.com", NULL);

  d = draft_at (r, 1);
  g_assert_cmpuint (d->line, ==, 4);
  g_assert_cmpstr (d->family_name, ==, "Smith \"Bobby\" Jr.");
  g_assert_cmpstr (d->notes, ==, "");
  g_assert_cmpuint (d->emails->len, ==, 0);

  d = draft_at (r, 2);
  g_assert_cmpuint (d->line, ==, 5);
  g_assert_cmpstr (d->given_name, ==, "Carl");
  g_assert_cmpstr (d->family_name, ==, "");
  g_assert_cmpstr (d->notes, ==, "a,b\nc\rd");

  /* a row of empty fields is a row */
  d = draft_at (r, 3);
  g_assert_cmpuint (d->line, ==, 8);
  g_assert_cmpstr (d->given_name, ==, "");
  g_assert_cmpuint (g_hash_table_size (d->extra), ==, 0);

  /* the last line has no line end */
  d = draft_at (r, 4);
  g_assert_cmpuint (d->line, ==, 9);
  g_assert_cmpstr (d->notes, ==, "\"quoted\"");
  crm_test_assert_strv (d->emails, "dora@example.com", NULL);
}

static void
test_cr_only (void)
{
  g_autoptr(Result) r = read_sample ("cr-only.csv");

  assert_no_problems (r);
  g_assert_cmpuint (r->drafts->len, ==, 2);
  g_assert_cmpuint (draft_at (r, 0)->line, ==, 2);
  g_assert_cmpstr (draft_at (r, 1)->family_name, ==, "Smith");
  g_assert_cmpuint (draft_at (r, 1)->line, ==, 3);
}

static void
test_empty_lines (void)
{
  const char text[] = "\r\n\nGiven Name,Family Name\n\n\r\nAnn,Lee\r\n\r\n";
  g_autoptr(Result) r = read_data (text, strlen (text));

  assert_no_problems (r);
  g_assert_cmpstr (r->mapping->headers[1], ==, "Family Name");
  g_assert_cmpuint (r->drafts->len, ==, 1);
  g_assert_cmpuint (draft_at (r, 0)->line, ==, 6);
}

static Problem *
problem_at (Result *r,
            guint   i)
{
  g_assert_cmpuint (i, <, r->problems->len);
  return &g_array_index (r->problems, Problem, i);
}

static void
test_ragged (void)
{
  g_autoptr(Result) r = read_sample ("ragged.csv");
  char **row;

  g_assert_cmpuint (r->drafts->len, ==, 5);
  g_assert_cmpuint (r->problems->len, ==, 2);

  g_assert_cmpuint (problem_at (r, 0)->line, ==, 3);
  g_assert_cmpint (problem_at (r, 0)->problem, ==, CRM_CSV_ROW_TOO_MANY_FIELDS);
  g_assert_nonnull (strstr (problem_at (r, 0)->reason, "5"));
  g_assert_nonnull (strstr (problem_at (r, 0)->reason, "3"));
  g_assert_cmpuint (g_strv_length (g_ptr_array_index (r->rows, 1)), ==, 5);

  /* the multi-line row in between keeps the line numbers right */
  g_assert_cmpstr (draft_at (r, 2)->given_name, ==, "Carl\nMulti");
  g_assert_cmpuint (draft_at (r, 2)->line, ==, 4);

  g_assert_cmpuint (problem_at (r, 1)->line, ==, 6);
  g_assert_cmpint (problem_at (r, 1)->problem, ==, CRM_CSV_ROW_TOO_FEW_FIELDS);
  /* padded to the header's width */
  row = g_ptr_array_index (r->rows, 3);
  g_assert_cmpuint (g_strv_length (row), ==, 3);
  g_assert_cmpstr (row[2], ==, "");
  g_assert_cmpstr (draft_at (r, 3)->family_name, ==, "Yu");

  g_assert_cmpuint (draft_at (r, 4)->line, ==, 7);
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(Result) r = read_sample ("invalid-utf8.csv");

  g_assert_cmpstr (r->encoding, ==, "UTF-8");
  g_assert_cmpuint (r->drafts->len, ==, 6);
  g_assert_cmpuint (r->problems->len, ==, 1);
  g_assert_cmpuint (problem_at (r, 0)->line, ==, 3);
  g_assert_cmpint (problem_at (r, 0)->problem, ==, CRM_CSV_ROW_INVALID_BYTES);
  g_assert_nonnull (problem_at (r, 0)->reason);
  g_assert_cmpstr (draft_at (r, 1)->given_name, ==, "Bad\xef\xbf\xbd");
  g_assert_cmpstr (draft_at (r, 1)->family_name, ==, "Na\xef\xbf\xbdme");
  g_assert_cmpstr (draft_at (r, 0)->given_name, ==, "Zoë");
  g_assert_cmpstr (draft_at (r, 2)->given_name, ==, "Émile");
}

static void
test_unterminated (void)
{
  g_autoptr(Result) r = read_sample ("unterminated.csv");
  char **row;

  g_assert_cmpuint (r->drafts->len, ==, 1);
  g_assert_cmpuint (r->problems->len, ==, 1);
  g_assert_cmpuint (problem_at (r, 0)->line, ==, 2);
  g_assert_cmpint (problem_at (r, 0)->problem, ==, CRM_CSV_ROW_UNTERMINATED_QUOTE);
  row = g_ptr_array_index (r->rows, 0);
  g_assert_cmpstr (row[1], ==, "never closed\nBob,more\n");
}

static void
test_huge_field (void)
{
  g_autoptr(GString) text = g_string_new ("Given Name,Notes\n");
  g_autoptr(Result) r = NULL;
  char **row;

  g_string_append (text, "Ann,\"");
  for (gsize i = 0; i < CRM_CSV_DEFAULT_MAX_FIELD_SIZE + 100; i++)
    g_string_append_c (text, i % 64 == 63 ? '\n' : 'x');
  g_string_append (text, "\"\nBob,ok\nCarl,");
  for (gsize i = 0; i < CRM_CSV_DEFAULT_MAX_FIELD_SIZE / 2; i++)
    g_string_append_c (text, 'y');
  g_string_append (text, "\n");

  r = read_data (text->str, text->len);
  g_assert_cmpuint (r->drafts->len, ==, 3);
  g_assert_cmpuint (r->problems->len, ==, 1);
  g_assert_cmpuint (problem_at (r, 0)->line, ==, 2);
  g_assert_cmpint (problem_at (r, 0)->problem, ==, CRM_CSV_ROW_FIELD_TOO_LARGE);
  g_assert_nonnull (problem_at (r, 0)->reason);
  row = g_ptr_array_index (r->rows, 0);
  g_assert_cmpstr (row[0], ==, "Ann");
  g_assert_cmpstr (row[1], ==, "");

  /* reading goes on after the huge field, with the right line numbers */
  g_assert_cmpstr (draft_at (r, 1)->given_name, ==, "Bob");
  g_assert_cmpuint (draft_at (r, 1)->line, ==, 2 + (CRM_CSV_DEFAULT_MAX_FIELD_SIZE + 100) / 64 + 1);
  g_assert_cmpuint (strlen (draft_at (r, 2)->notes), ==, CRM_CSV_DEFAULT_MAX_FIELD_SIZE / 2);
}

/* A quote left open swallows the rest of a big file: memory stays bounded
 * and the reason names the quote. */
static void
test_unterminated_huge (void)
{
  g_autoptr(GString) text = g_string_new ("Given Name,Notes\nAnn,\"open\n");
  g_autoptr(Result) r = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (text, "Bob,some more text that is now inside the quote\n");

  r = read_data (text->str, text->len);
  g_assert_cmpuint (r->drafts->len, ==, 1);
  g_assert_cmpuint (r->problems->len, ==, 1);
  g_assert_cmpuint (problem_at (r, 0)->line, ==, 2);
  g_assert_cmpint (problem_at (r, 0)->problem, ==, CRM_CSV_ROW_UNTERMINATED_QUOTE);
  g_assert_cmpstr (((char **) g_ptr_array_index (r->rows, 0))[1], ==, "");
}

static void
test_max_field_size (void)
{
  const char text[] = "a,b\nshort,abcdefghijklmnopq\nx,y\n";
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (text, strlen (text), NULL);
  g_autoptr(CrmCsvReader) reader = crm_csv_reader_new (stream);
  g_autoptr(Result) r = NULL;

  crm_csv_reader_set_max_field_size (reader, 16);
  r = read_reader (reader);
  g_assert_cmpuint (r->problems->len, ==, 1);
  g_assert_cmpint (problem_at (r, 0)->problem, ==, CRM_CSV_ROW_FIELD_TOO_LARGE);
  g_assert_cmpuint (problem_at (r, 0)->line, ==, 2);
  g_assert_cmpstr (((char **) g_ptr_array_index (r->rows, 0))[0], ==, "short");
  g_assert_cmpstr (((char **) g_ptr_array_index (r->rows, 1))[1], ==, "y");
}

static void
test_empty_file (void)
{
  g_autoptr(Result) r = read_sample ("empty.csv");

  g_assert_cmpstr (r->encoding, ==, "UTF-8");
  g_assert_null (r->mapping);
  g_assert_cmpuint (r->drafts->len, ==, 0);
  g_assert_cmpuint (r->problems->len, ==, 0);
}

static void
test_header_only (void)
{
  g_autoptr(Result) r = read_sample ("header-only.csv");

  g_assert_nonnull (r->mapping);
  g_assert_cmpuint (r->mapping->n_columns, ==, 3);
  g_assert_cmpstr (crm_csv_mapping_get_key (r->mapping, 2), ==, "email");
  g_assert_cmpuint (r->drafts->len, ==, 0);
  assert_no_problems (r);
}

static void
test_not_text (void)
{
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, '\r', 'I', 'H', 'D', 'R',
    0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0,
    0x0b, 'I', 'D', 'A', 'T', 0x78, 0x9c, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0d, 0x0a,
  };
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (png, sizeof png, NULL);
  g_autoptr(CrmCsvReader) reader = crm_csv_reader_new (stream);
  g_autoptr(CrmCsvReader) missing = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (crm_csv_reader_read_row (reader, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  /* and it stays failed */
  g_assert_null (crm_csv_reader_read_row (reader, NULL, &error));
  g_assert_no_error (error);

  missing = crm_csv_reader_new_for_path ("/nonexistent/rapport/people.csv", &error);
  g_assert_null (missing);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_forced_options (void)
{
  const char text[] = "a;b|c\n1;2|3\n";
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (text, strlen (text), NULL);
  g_autoptr(CrmCsvReader) reader = crm_csv_reader_new (stream);
  g_autoptr(GError) error = NULL;
  const CrmCsvRow *row;

  crm_csv_reader_set_separator (reader, '|');
  crm_csv_reader_set_encoding (reader, "ISO-8859-15");
  g_assert_true (crm_csv_reader_prepare (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (crm_csv_reader_get_encoding (reader), ==, "ISO-8859-15");
  row = crm_csv_reader_read_row (reader, NULL, &error);
  g_assert_nonnull (row);
  g_assert_cmpuint (row->n_fields, ==, 2);
  g_assert_cmpstr (row->fields[0], ==, "a;b");
  g_assert_cmpuint (crm_csv_reader_get_bytes_read (reader), ==, strlen (text));
}

/* Mapping */

static void
test_guess (void)
{
  static const struct { const char *header; const char *key; } cases[] = {
    { "E-mail 2 Address", "email" },
    { "e_mail_address", "email" },
    { "  EMAIL  ", "email" },
    { "FIRST_NAME", "given-name" },
    { "first-name", "given-name" },
    { "Phone 1 - Type", NULL },
    { "Phone 3 - Value", "phone" },
    { "Phonetic First Name", NULL },
    { "E-mail Display Name", NULL },
    { "Email Opt Out", NULL },
    { "电子邮件 3 地址", "email" },
    { "商务地址 邮政编码", "postal-code" },
    { "名", "given-name" },
    { "姓", "family-name" },
    { "公司", "organization" },
    { "职务", "title" },
    { "商务电话", "phone" },
    { "手机", "phone" },
    { "Téléphone domicile 2", "phone" },
    { "TELEPHONE DOMICILE", "phone" },
    { "Código postal", "postal-code" },
    { "Mailing Zip/Postal Code", "postal-code" },
    { "Street (home)", "street" },
    { "State (work)", "region" },
    { "Unknown Column", NULL },
    { "", NULL },
    { "---", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].header);
      g_assert_cmpstr (crm_csv_guess_field_key (cases[i].header), ==, cases[i].key);
    }
}

static void
test_mapping_edit (void)
{
  const char *headers[] = { "Vorname", "Spalte X", "", "E-Mail-Adresse" };
  const char *row[] = { "Jörg", "'=1+1", "x", "joerg@example.de", "ignored" };
  const char * const *keys = crm_csv_field_keys ();
  g_autoptr(CrmCsvMapping) mapping = crm_csv_mapping_new (headers, G_N_ELEMENTS (headers));
  g_autoptr(CrmCsvMapping) copy = NULL;
  g_autoptr(CrmContactDraft) draft = NULL;
  g_autoptr(CrmContactDraft) edited = NULL;

  g_assert_nonnull (keys);
  g_assert_true (g_strv_contains (keys, "given-name"));
  g_assert_true (g_strv_contains (keys, "email"));
  g_assert_true (g_strv_contains (keys, "phone"));
  g_assert_true (g_strv_contains (keys, "organization"));
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_assert_nonnull (crm_csv_field_key_get_label (keys[i]));
      g_assert_true (crm_csv_field_key_intern (keys[i]) == keys[i]);
    }
  g_assert_null (crm_csv_field_key_get_label ("no-such-field"));

  g_assert_cmpuint (crm_csv_mapping_count_mapped (mapping), ==, 2);
  draft = crm_csv_mapping_apply (mapping, row, G_N_ELEMENTS (row), 7);
  g_assert_cmpuint (draft->line, ==, 7);
  g_assert_cmpstr (draft->given_name, ==, "Jörg");
  crm_test_assert_strv (draft->emails, "joerg@example.de", NULL);
  /* the formula guard goes, also in extra */
  crm_test_assert_extra (draft, "Spalte X", "=1+1");
  crm_test_assert_extra (draft, "Column 3", "x");

  copy = crm_csv_mapping_copy (mapping);
  g_assert_false (crm_csv_mapping_set_key (copy, 1, "no-such-field"));
  g_assert_true (crm_csv_mapping_set_key (copy, 1, "notes"));
  g_assert_true (crm_csv_mapping_set_key (copy, 3, NULL));
  g_assert_cmpstr (crm_csv_mapping_get_key (copy, 1), ==, "notes");
  g_assert_cmpstr (crm_csv_mapping_get_key (mapping, 1), ==, NULL);
  edited = crm_csv_mapping_apply (copy, row, 2, 8);
  g_assert_cmpstr (edited->notes, ==, "=1+1");
  g_assert_cmpuint (edited->emails->len, ==, 0);
  g_assert_cmpuint (g_hash_table_size (edited->extra), ==, 0);
}

static void
assert_split (const char *cell,
              ...)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  va_list args;
  guint n = 0;

  g_test_message ("%s", cell);
  crm_csv_tags_split (cell, tags);
  va_start (args, cell);
  for (const char *want = va_arg (args, const char *); want != NULL;
       want = va_arg (args, const char *), n++)
    {
      g_assert_cmpuint (n, <, tags->len);
      g_assert_cmpstr (tags->pdata[n], ==, want);
    }
  va_end (args);
  g_assert_cmpuint (tags->len, ==, n);
}

static void
test_tags (void)
{
  static const char *lists[][6] = {
    { "VIP", "Newsletter", NULL },
    { "Smith, Jones", "B2B; EU", "\"Gold\" tier", NULL },
    { "a ::: b", "* starred", "* myContacts", " padded ", NULL },
    { "=SUM(A1:A2)", "'=x", "重点 客户", "客户;重要,\"老\"", NULL },
    { "VIP", "vip", "\"", "\"\"", ",", NULL },
    { NULL },
  };

  /* what other programs write */
  assert_split ("Kunden;Bäcker", "Kunden", "Bäcker", NULL);
  assert_split ("Textiles,Wholesale", "Textiles", "Wholesale", NULL);
  assert_split (" a ; b,, ;a ", "a", "b", NULL);
  assert_split ("* myContacts ::: VIP ::: Partner", "VIP", "Partner", NULL);
  /* Google's labels keep their commas and semicolons */
  assert_split ("* starred ::: Smith, Jones ::: a; b", "starred", "Smith, Jones", "a; b", NULL);
  assert_split ("重要客户;深圳", "重要客户", "深圳", NULL);
  assert_split ("华东区，上海", "华东区，上海", NULL);
  /* quotes that enclose no whole piece are characters */
  assert_split ("\"Best\" customers, VIP", "\"Best\" customers", "VIP", NULL);
  assert_split ("\"open, VIP", "\"open", "VIP", NULL);
  assert_split ("say \"hi\";x", "say \"hi\"", "x", NULL);
  /* quoted pieces, as Rapport writes them */
  assert_split ("\"Smith, Jones\";VIP", "Smith, Jones", "VIP", NULL);
  assert_split (" \"a;b\" , \"c \"\"d\"\"\" ", "a;b", "c \"d\"", NULL);
  assert_split ("\"* starred\" ::: x", "* starred", "x", NULL);
  assert_split ("\"\";\"\"\"\"", "\"", NULL);
  assert_split ("", NULL);

  for (guint i = 0; lists[i][0] != NULL; i++)
    {
      g_autoptr(GPtrArray) tags = g_ptr_array_new ();
      g_autoptr(GPtrArray) back = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *cell = NULL;

      for (guint j = 0; lists[i][j] != NULL; j++)
        g_ptr_array_add (tags, (gpointer) lists[i][j]);
      cell = crm_csv_tags_join (tags);
      g_test_message ("%s", cell);
      crm_csv_tags_split (cell, back);
      g_assert_cmpuint (back->len, ==, tags->len);
      for (guint j = 0; j < tags->len; j++)
        g_assert_cmpstr (back->pdata[j], ==, tags->pdata[j]);
    }

  {
    g_autoptr(GPtrArray) tags = g_ptr_array_new ();
    g_autofree char *cell = NULL;

    g_ptr_array_add (tags, (gpointer) "Key accounts");
    g_ptr_array_add (tags, (gpointer) "");
    g_ptr_array_add (tags, (gpointer) "Smith, Jones");
    cell = crm_csv_tags_join (tags);
    /* Outlook's and HubSpot's separator; quotes only where needed */
    g_assert_cmpstr (cell, ==, "Key accounts;\"Smith, Jones\"");
  }
}

static void
test_values (void)
{
  const char *headers[] = { "Birthday", "Gender", "Language", "Geburtstag", "Tags", "Email" };
  g_autoptr(CrmCsvMapping) us = crm_csv_mapping_new (headers, 1);
  g_autoptr(CrmCsvMapping) de = crm_csv_mapping_new (headers + 3, 1);
  g_autoptr(CrmCsvMapping) all = crm_csv_mapping_new (headers, G_N_ELEMENTS (headers));
  static const struct { const char *text; const char *us; const char *de; } dates[] = {
    { "1980-02-01", "1980-02-01", "1980-02-01" },
    { "1980/2/1", "1980-02-01", "1980-02-01" },
    { "02/01/1980", "1980-02-01", "1980-01-02" },
    { "25/12/1980", "1980-12-25", "1980-12-25" },
    { "12/25/1980", "1980-12-25", "1980-12-25" },
    { "1.2.1980", "1980-02-01", "1980-02-01" },
    { "19800201", "1980-02-01", "1980-02-01" },
    { "1980-02-01T00:00:00Z", "1980-02-01", "1980-02-01" },
    { "1980-02-30", NULL, NULL },
    { "--02-01", NULL, NULL },
    { "1/2/80", NULL, NULL },
    { "soon", NULL, NULL },
    { "0/0/00", "", "" },
    { "1985年4月12日", "1985-04-12", "1985-04-12" },
    { "1985年13月12日", NULL, NULL },
    { "年年", NULL, NULL },
  };

  g_assert_false (us->day_first);
  g_assert_true (de->day_first);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(CrmContactDraft) a = crm_csv_mapping_apply (us, &dates[i].text, 1, 2);
      g_autoptr(CrmContactDraft) b = crm_csv_mapping_apply (de, &dates[i].text, 1, 2);

      g_test_message ("%s", dates[i].text);
      g_assert_cmpstr (a->birth_date, ==, dates[i].us != NULL ? dates[i].us : "");
      g_assert_cmpstr (b->birth_date, ==, dates[i].de != NULL ? dates[i].de : "");
      /* what is not a date stays in extra */
      crm_test_assert_extra (a, "Birthday", dates[i].us != NULL ? NULL : dates[i].text);
    }

  {
    const char *row[] = { "", "Weiblich", "en_GB", "", "'=x;b,=x", "A@x.org; a@x.org" };
    g_autoptr(CrmContactDraft) d = crm_csv_mapping_apply (all, row, G_N_ELEMENTS (row), 2);

    g_assert_cmpstr (d->gender, ==, "female");
    g_assert_cmpstr (d->language, ==, "en-GB");
    /* the cell's formula guard goes before the tags are split */
    crm_test_assert_strv (d->tags, "=x", "b", NULL);
    crm_test_assert_strv (d->emails, "A@x.org", NULL);
  }
  {
    const char *row[] = { "", "n/a", "Chinese", "", "", "" };
    g_autoptr(CrmContactDraft) d = crm_csv_mapping_apply (all, row, G_N_ELEMENTS (row), 2);

    g_assert_cmpstr (d->gender, ==, "");
    g_assert_cmpstr (d->language, ==, "");
    crm_test_assert_extra (d, "Gender", "n/a");
    crm_test_assert_extra (d, "Language", "Chinese");
  }
}

static void
test_address_groups (void)
{
  const char *headers[] = { "Business Street", "Business City", "Home Street", "Home City",
                            "Home Postal Code", "Address 1 - City", "Address 2 - City" };
  const char *work[] = { " ", "Springfield", "", "Shelbyville", "12345", "", "" };
  const char *home[] = { "", "", "", "Shelbyville", "12345", "", "" };
  const char *google[] = { "", "", "", "", "", "", "Bern" };
  g_autoptr(CrmCsvMapping) mapping = crm_csv_mapping_new (headers, G_N_ELEMENTS (headers));
  g_autoptr(CrmCsvMapping) copy = crm_csv_mapping_copy (mapping);
  g_autoptr(CrmContactDraft) a = crm_csv_mapping_apply (mapping, work, G_N_ELEMENTS (work), 2);
  g_autoptr(CrmContactDraft) b = crm_csv_mapping_apply (copy, home, G_N_ELEMENTS (home), 3);
  g_autoptr(CrmContactDraft) c = crm_csv_mapping_apply (copy, google, G_N_ELEMENTS (google), 4);

  /* the business address wins whole; the home one is kept aside */
  g_assert_cmpstr (a->city, ==, "Springfield");
  g_assert_cmpstr (a->postal_code, ==, "");
  crm_test_assert_extra (a, "Home City", "Shelbyville");
  crm_test_assert_extra (a, "Home Postal Code", "12345");

  g_assert_cmpstr (b->city, ==, "Shelbyville");
  g_assert_cmpstr (b->postal_code, ==, "12345");
  g_assert_cmpuint (g_hash_table_size (b->extra), ==, 0);

  g_assert_cmpstr (c->city, ==, "Bern");
}

/* Writer */

static char *
write_rows (const char * const *const *rows,
            guint                      n_rows,
            guint                      n_cells,
            char                       separator,
            CrmCsvWriterFlags          flags,
            gsize                     *len)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(CrmCsvWriter) writer = crm_csv_writer_new (out, separator, flags);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_rows; i++)
    {
      g_assert_true (crm_csv_writer_write_row (writer, rows[i], n_cells, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (crm_csv_writer_flush (writer, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, &error));

  *len = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_writer_neutralize (void)
{
  const char *header[] = { "Notes", "Phone", "A", "B", "C", "D", "E", "F", "G" };
  const char *cells[] = { "=1+2", "+49 30 1234", "-5", "@SUM(A1)", "\tx", "a,b", "q\"q",
                          "line\nbreak", "'=kept'" };
  const char * const *rows[] = { header, cells };
  g_autofree char *text = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(Result) r = NULL;
  gsize len;

  text = write_rows (rows, 2, G_N_ELEMENTS (cells), ',', CRM_CSV_WRITER_NONE, &len);
  g_assert_cmpstr (text, ==,
                   "Notes,Phone,A,B,C,D,E,F,G\r\n"
                   "'=1+2,'+49 30 1234,'-5,'@SUM(A1),'\tx,\"a,b\",\"q\"\"q\",\"line\nbreak\","
                   "''=kept'\r\n");

  plain = write_rows (rows + 1, 1, 2, ';', CRM_CSV_WRITER_NO_NEUTRALIZE | CRM_CSV_WRITER_BOM, &len);
  g_assert_cmpstr (plain, ==, "\xEF\xBB\xBF=1+2;+49 30 1234\r\n");

  /* read back through the mapping: the guard goes, the cells are as written */
  r = read_data (text, strlen (text));
  g_assert_cmpuint (r->drafts->len, ==, 1);
  g_assert_cmpstr (draft_at (r, 0)->notes, ==, "=1+2");
  crm_test_assert_strv (draft_at (r, 0)->phones, "+49 30 1234", NULL);
  for (guint i = 2; i < G_N_ELEMENTS (cells); i++)
    crm_test_assert_extra (draft_at (r, 0), header[i], i == 4 ? "\tx" : cells[i]);
}

static CrmContactDraft *
make_draft (const char *given,
            const char *family,
            const char *organization)
{
  CrmContactDraft *d = crm_contact_draft_new ();

  g_free (d->given_name);
  d->given_name = g_strdup (given);
  g_free (d->family_name);
  d->family_name = g_strdup (family);
  g_free (d->organization);
  d->organization = g_strdup (organization);
  return d;
}

static void
set (char      **slot,
     const char *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

static void
check_round_trip (char              separator,
                  CrmCsvWriterFlags flags)
{
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_contact_draft_free);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(CrmCsvWriter) writer = crm_csv_writer_new (out, separator, flags);
  g_autoptr(CrmCsvMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Result) r = NULL;
  g_auto(GStrv) header = NULL;
  CrmContactDraft *d;

  d = make_draft ("伟", "张", "北京华联科技有限公司");
  set (&d->display_name, "张伟");
  set (&d->title, "采购经理");
  g_ptr_array_add (d->emails, g_strdup ("zhang.wei@example.cn"));
  g_ptr_array_add (d->emails, g_strdup ("zw@example.cn"));
  g_ptr_array_add (d->emails, g_strdup ("-dash@example.cn"));
  g_ptr_array_add (d->phones, g_strdup ("+86 138 0013 8000"));
  set (&d->city, "北京");
  set (&d->country, "CN");
  set (&d->birth_date, "1985-04-12");
  set (&d->gender, "male");
  set (&d->language, "zh-CN");
  set (&d->notes, "第一行\r\n\"第二行\", 含逗号\n=SUM(A1:A9)");
  g_ptr_array_add (d->tags, g_strdup ("供应商"));
  g_ptr_array_add (d->tags, g_strdup ("VIP"));
  g_hash_table_insert (d->extra, g_strdup ("Customer Number"), g_strdup ("-0042"));
  g_hash_table_insert (d->extra, g_strdup ("客户等级"), g_strdup ("@gold"));
  g_ptr_array_add (drafts, d);

  d = make_draft ("Zoë", "Müller-Lüdenscheidt", "Müller & Söhne; GmbH");
  set (&d->department, "+Vertrieb");
  set (&d->street, "Hauptstraße 5");
  set (&d->postal_code, "01067");
  set (&d->region, "Sachsen");
  set (&d->website, "https://example.de/?a=1,b=2");
  set (&d->gender, "female");
  g_ptr_array_add (d->phones, g_strdup ("+49 30 1234567"));
  g_ptr_array_add (d->phones, g_strdup ("0171 2345678"));
  g_hash_table_insert (d->extra, g_strdup ("Customer Number"), g_strdup ("7"));
  g_ptr_array_add (drafts, d);

  d = make_draft ("", "", "");
  set (&d->display_name, "O'Brien \"Jack\"");
  set (&d->notes, "=cmd|' /C calc'!A0");
  g_ptr_array_add (drafts, d);

  header = crm_csv_export_header ((CrmContactDraft **) drafts->pdata, drafts->len);
  g_assert_true (g_strv_contains ((const char * const *) header, "Email 3"));
  g_assert_true (g_strv_contains ((const char * const *) header, "Phone 2"));
  g_assert_true (g_strv_contains ((const char * const *) header, "客户等级"));
  mapping = crm_csv_mapping_new ((const char * const *) header, g_strv_length (header));
  g_assert_true (crm_csv_writer_write_row (writer, (const char * const *) header,
                                           mapping->n_columns, NULL, &error));
  for (guint i = 0; i < drafts->len; i++)
    {
      g_auto(GStrv) cells = crm_csv_export_row (mapping, drafts->pdata[i]);

      g_assert_cmpuint (g_strv_length (cells), ==, mapping->n_columns);
      g_assert_true (crm_csv_writer_write_row (writer, (const char * const *) cells,
                                               mapping->n_columns, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (crm_csv_writer_flush (writer, NULL, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  g_assert_no_error (error);

  r = read_data (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                 g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));
  g_assert_cmpstr (r->encoding, ==, "UTF-8");
  g_assert_cmpint (r->separator, ==, separator);
  g_assert_cmpint (r->has_bom, ==, (flags & CRM_CSV_WRITER_BOM) != 0);
  assert_no_problems (r);
  g_assert_cmpuint (r->drafts->len, ==, drafts->len);
  for (guint i = 0; i < drafts->len; i++)
    crm_test_assert_drafts_equal (drafts->pdata[i], draft_at (r, i));
}

static void
test_round_trip (void)
{
  check_round_trip (',', CRM_CSV_WRITER_BOM);
  check_round_trip (';', CRM_CSV_WRITER_NONE);
  check_round_trip ('\t', CRM_CSV_WRITER_BOM);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/exporter/google-old", test_google_old);
  g_test_add_func ("/csv/exporter/google-2023", test_google_2023);
  g_test_add_func ("/csv/exporter/outlook-en", test_outlook_en);
  g_test_add_func ("/csv/exporter/outlook-de", test_outlook_de);
  g_test_add_func ("/csv/exporter/outlook-fr", test_outlook_fr);
  g_test_add_func ("/csv/exporter/outlook-es", test_outlook_es);
  g_test_add_func ("/csv/exporter/outlook-zh", test_outlook_zh);
  g_test_add_func ("/csv/exporter/apple", test_apple);
  g_test_add_func ("/csv/exporter/hubspot", test_hubspot);
  g_test_add_func ("/csv/exporter/salesforce", test_salesforce);
  g_test_add_func ("/csv/exporter/salesforce-dataloader", test_salesforce_dataloader);
  g_test_add_func ("/csv/exporter/zoho", test_zoho);
  g_test_add_func ("/csv/reader/encodings", test_encodings);
  g_test_add_func ("/csv/reader/many-rows", test_many_rows);
  g_test_add_func ("/csv/reader/late-encoding", test_late_encoding);
  g_test_add_func ("/csv/reader/quoted", test_quoted);
  g_test_add_func ("/csv/reader/cr-only", test_cr_only);
  g_test_add_func ("/csv/reader/empty-lines", test_empty_lines);
  g_test_add_func ("/csv/reader/ragged", test_ragged);
  g_test_add_func ("/csv/reader/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/csv/reader/unterminated", test_unterminated);
  g_test_add_func ("/csv/reader/huge-field", test_huge_field);
  g_test_add_func ("/csv/reader/unterminated-huge", test_unterminated_huge);
  g_test_add_func ("/csv/reader/max-field-size", test_max_field_size);
  g_test_add_func ("/csv/reader/empty-file", test_empty_file);
  g_test_add_func ("/csv/reader/header-only", test_header_only);
  g_test_add_func ("/csv/reader/not-text", test_not_text);
  g_test_add_func ("/csv/reader/forced-options", test_forced_options);
  g_test_add_func ("/csv/mapping/guess", test_guess);
  g_test_add_func ("/csv/mapping/edit", test_mapping_edit);
  g_test_add_func ("/csv/mapping/values", test_values);
  g_test_add_func ("/csv/mapping/tags", test_tags);
  g_test_add_func ("/csv/mapping/address-groups", test_address_groups);
  g_test_add_func ("/csv/writer/neutralize", test_writer_neutralize);
  g_test_add_func ("/csv/writer/round-trip", test_round_trip);

  return g_test_run ();
}
