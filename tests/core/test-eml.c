/* test-eml.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * .eml files: parsing the samples of tests/core/data/eml/ (ASCII, UTF-8,
 * GB2312 encoded words and base64 body, multipart/alternative, HTML only,
 * multipart/mixed with attachments, quoted-printable Windows-1252, replies,
 * a malformed one, one that is no message), the text helpers (charsets,
 * HTML, format=flowed, quoted replies, the "[#N]" token), the limits on
 * hostile input, and importing into a real SQLite store: new tickets, the
 * sender matched or created, replies threaded by In-Reply-To, References
 * and the subject's ticket number, reopening, closed tickets, duplicates
 * skipped on a second import, and the per-file report.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "crm-eml.h"
#include "crm-eml-import.h"
#include "crm-store.h"
#include "crm-test-util.h"
#include "crm-ticket-flow.h"

/* --- parsing --- */

static char *
sample_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "core", "data", "eml", name, NULL);
}

static CrmEmlMessage *
parse_sample (const char *name)
{
  g_autofree char *path = sample_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CrmEmlMessage *message = crm_eml_parse_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (message);
  return message;
}

static CrmEmlMessage *
parse_text (const char  *text,
            GError     **error)
{
  return crm_eml_parse_data (text, strlen (text), error);
}

static gint64
utc (int y, int mo, int d, int h, int mi, int s)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (y, mo, d, h, mi, s);

  return g_date_time_to_unix (dt);
}

static void
assert_valid_message (const CrmEmlMessage *m)
{
  g_assert_true (g_utf8_validate (m->from.name, -1, NULL));
  g_assert_true (g_utf8_validate (m->from.address, -1, NULL));
  g_assert_true (g_utf8_validate (m->subject, -1, NULL));
  g_assert_true (g_utf8_validate (m->body, -1, NULL));
  g_assert_cmpuint (strlen (m->subject), <=, CRM_EML_MAX_SUBJECT);
  g_assert_cmpuint (strlen (m->from.name), <=, CRM_EML_MAX_NAME);
  g_assert_cmpuint (strlen (m->body), <=, CRM_EML_MAX_BODY);
  g_assert_cmpuint (m->references->len, <=, CRM_EML_MAX_REFERENCES);
  g_assert_cmpuint (m->attachments->len, <=, CRM_EML_MAX_ATTACHMENTS);
}

static void
test_parse_plain (void)
{
  g_autoptr(CrmEmlMessage) m = parse_sample ("plain-ascii.eml");
  CrmEmlAddress *to;

  g_assert_cmpstr (m->from.name, ==, "John Smith");
  g_assert_cmpstr (m->from.address, ==, "john.smith@northwind.example");
  g_assert_cmpuint (m->to->len, ==, 1);
  to = g_ptr_array_index (m->to, 0);
  g_assert_cmpstr (to->name, ==, "Support");
  g_assert_cmpstr (to->address, ==, "support@rapport.example");
  g_assert_cmpstr (m->subject, ==, "Invoice 2041 shows the wrong VAT rate");
  g_assert_cmpint (m->date, ==, utc (2026, 3, 2, 9, 14, 2));
  g_assert_cmpstr (m->message_id, ==, "<CAK7x2Lm0p3sQ@mail.northwind.example>");
  g_assert_cmpstr (m->in_reply_to, ==, "");
  g_assert_cmpuint (m->references->len, ==, 0);
  g_assert_cmpuint (m->attachments->len, ==, 0);
  g_assert_false (m->body_from_html);
  g_assert_false (m->body_truncated);
  g_assert_cmpstr (m->body, ==,
                   "Hello,\n\n"
                   "Invoice 2041 from last week charges 20% VAT, but we are registered in\n"
                   "Ireland and should be invoiced with the reverse charge.\n\n"
                   "Could you send a corrected invoice?\n\n"
                   "Thanks,\nJohn Smith\nAccounts Payable, Northwind Traders");
  g_assert_cmpuint (strlen (m->digest), ==, 64);
  assert_valid_message (m);
}

static void
test_parse_utf8 (void)
{
  g_autoptr(CrmEmlMessage) m = parse_sample ("utf8.eml");

  g_assert_cmpstr (m->from.name, ==, "Jürgen Weiß");
  g_assert_cmpstr (m->subject, ==, "Lieferung verspätet – Bestellung 7731");
  /* +0100 */
  g_assert_cmpint (m->date, ==, utc (2026, 3, 3, 15, 40, 11));
  /* format=flowed: the soft break is joined. */
  g_assert_nonnull (strstr (m->body, "ist aber noch nicht da. Können Sie"));
  g_assert_nonnull (strstr (m->body, "Unser Büro in Shanghai (上海办公室)"));
  assert_valid_message (m);
}

static void
test_parse_gb2312 (void)
{
  g_autoptr(CrmEmlMessage) m = parse_sample ("gb2312.eml");

  g_assert_cmpstr (m->from.name, ==, "李伟");
  g_assert_cmpstr (m->from.address, ==, "li.wei@huadong-trade.example.cn");
  g_assert_cmpstr (((CrmEmlAddress *) g_ptr_array_index (m->to, 0))->name, ==, "客服");
  g_assert_cmpstr (m->subject, ==, "发票金额有误，请尽快处理");
  g_assert_cmpint (m->date, ==, utc (2026, 3, 4, 2, 5, 33));
  g_assert_cmpstr (m->body, ==,
                   "您好：\n\n我们收到的第3021号发票金额比合同多了1200元，请核对后重新开具。\n\n"
                   "谢谢！\n李伟\n上海华东贸易有限公司 财务部");
  assert_valid_message (m);
}

static void
test_parse_alternative (void)
{
  g_autoptr(CrmEmlMessage) m = parse_sample ("alternative.eml");

  g_assert_cmpstr (m->from.name, ==, "Maria Rossi");
  /* The plain part wins over the HTML one; its quoted-printable soft break
   * is undone. */
  g_assert_false (m->body_from_html);
  g_assert_cmpstr (m->body, ==,
                   "Hi,\n\nSince this morning the portal says \"password expired\" and the reset "
                   "link never arrives.\n\nBest regards,\nMaria");
  g_assert_cmpuint (m->attachments->len, ==, 0);
  assert_valid_message (m);
}

static void
test_parse_html (void)
{
  g_autoptr(CrmEmlMessage) m = parse_sample ("html-only.eml");
  CrmEmlAttachment *logo;

  g_assert_true (m->body_from_html);
  g_assert_cmpstr (m->body, ==,
                   "Hello support team,\n\n"
                   "Our order 8812 arrived today, but these items are missing:\n\n"
                   "• 2 × Matcha powder 500 g\n"
                   "• 1 × Bamboo whisk\n\n"
                   "Tracking: see the parcel <https://track.example/8812> – it says “delivered”.\n\n"
                   "Order 8812\nDate 2026-03-02\n\n"
                   "Regards,\nKenji Tanaka");
  /* The inline logo is listed, not the body. */
  g_assert_cmpuint (m->attachments->len, ==, 1);
  logo = g_ptr_array_index (m->attachments, 0);
  g_assert_cmpstr (logo->filename, ==, "logo.png");
  g_assert_cmpstr (logo->content_type, ==, "image/png");
  g_assert_cmpuint (logo->size, ==, 70);
  assert_valid_message (m);
}

static void
test_parse_mixed (void)
{
  g_autoptr(CrmEmlMessage) m = parse_sample ("mixed-attachment.eml");
  CrmEmlAttachment *pdf, *csv;
  CrmEmlAddress *cc;

  g_assert_cmpstr (m->from.name, ==, "陈静");
  g_assert_cmpstr (m->subject, ==, "报价单附件 – 请确认");
  g_assert_cmpuint (m->to->len, ==, 2);
  cc = g_ptr_array_index (m->to, 1);
  g_assert_cmpstr (cc->name, ==, "Zhou Min");
  g_assert_false (m->body_from_html);
  g_assert_cmpstr (m->body, ==, "您好，\n\n附件是新的报价单，请确认第5项的单价。\n\n陈静");
  g_assert_cmpuint (m->attachments->len, ==, 2);
  pdf = g_ptr_array_index (m->attachments, 0);
  g_assert_cmpstr (pdf->filename, ==, "报价单.pdf");
  g_assert_cmpstr (pdf->content_type, ==, "application/pdf");
  g_assert_cmpuint (pdf->size, ==, 1540);
  /* A text part that is an attachment is no body. */
  csv = g_ptr_array_index (m->attachments, 1);
  g_assert_cmpstr (csv->filename, ==, "items.csv");
  g_assert_cmpstr (csv->content_type, ==, "text/csv");
  assert_valid_message (m);
}

static void
test_parse_quoted_printable (void)
{
  g_autoptr(CrmEmlMessage) m = parse_sample ("qp-cp1252.eml");

  g_assert_cmpstr (m->from.name, ==, "Amélie Durand");
  g_assert_cmpstr (m->subject, ==, "Facture 5518 – remise “fidélité”");
  g_assert_cmpstr (m->message_id, ==, "<000001dba1b2$3c4d5e60$6f708190$@example.fr>");
  g_assert_nonnull (strstr (m->body, "La facture n° 5518 indique 1\u00a0250 € au lieu de 1\u00a0150 € – "
                                     "pourriez-vous vérifier la remise “fidélité” qui devait "
                                     "s'appliquer à notre commande de février ?"));
  g_assert_true (g_str_has_suffix (m->body, "Cordialement,\nAmélie Durand"));
  assert_valid_message (m);
}

static void
test_parse_reply (void)
{
  g_autoptr(CrmEmlMessage) m = parse_sample ("reply-in-reply-to.eml");
  g_autofree char *own = crm_eml_strip_quoted (m->body);

  g_assert_cmpstr (m->in_reply_to, ==, "<reply-2041-1@rapport.example>");
  g_assert_cmpuint (m->references->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (m->references, 0), ==, "<CAK7x2Lm0p3sQ@mail.northwind.example>");
  g_assert_cmpstr (g_ptr_array_index (m->references, 1), ==, "<reply-2041-1@rapport.example>");
  g_assert_cmpstr (own, ==, "Thanks, the corrected invoice arrived, but the PO number is missing.\n"
                            "Could you add PO-77120?");
  assert_valid_message (m);
}

static void
test_parse_malformed (void)
{
  g_autoptr(CrmEmlMessage) m = parse_sample ("malformed.eml");
  CrmEmlAttachment *dump;

  /* Best effort: the sender and id are there, the date is not, the subject
   * is valid UTF-8, the cut base64 gives what it has, the unknown charset
   * reads as UTF-8. */
  g_assert_cmpstr (m->from.address, ==, "broken@example.net");
  g_assert_cmpstr (m->message_id, ==, "<broken-1@example.net>");
  g_assert_cmpint (m->date, ==, 0);
  g_assert_true (g_str_has_prefix (m->subject, "Status "));
  g_assert_true (g_str_has_prefix (m->body, "The machine stopped with error E42"));
  g_assert_cmpuint (m->attachments->len, ==, 1);
  dump = g_ptr_array_index (m->attachments, 0);
  g_assert_cmpstr (dump->filename, ==, "dump.bin");
  g_assert_cmpuint (dump->size, ==, 33);
  assert_valid_message (m);
}

static void
test_parse_errors (void)
{
  g_autofree char *path = sample_path ("not-a-message.eml");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/rapport/none.eml");
  g_autoptr(GError) error = NULL;
  g_autofree char *big = NULL;
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
  CrmEmlMessage *m;

  m = crm_eml_parse_data ("", 0, &error);
  g_assert_null (m);
  g_assert_error (error, CRM_EML_ERROR, CRM_EML_ERROR_EMPTY);
  g_clear_error (&error);

  m = parse_text ("\r\n\r\n  \n", &error);
  g_assert_null (m);
  g_assert_error (error, CRM_EML_ERROR, CRM_EML_ERROR_EMPTY);
  g_clear_error (&error);

  m = crm_eml_parse_file (file, NULL, &error);
  g_assert_null (m);
  g_assert_error (error, CRM_EML_ERROR, CRM_EML_ERROR_NOT_MESSAGE);
  g_clear_error (&error);

  m = crm_eml_parse_data (png, sizeof png - 1, &error);
  g_assert_null (m);
  g_assert_error (error, CRM_EML_ERROR, CRM_EML_ERROR_NOT_MESSAGE);
  g_clear_error (&error);

  m = crm_eml_parse_file (missing, NULL, &error);
  g_assert_null (m);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Refused before it is parsed. */
  big = g_malloc0 (CRM_EML_MAX_SIZE + 1);
  memcpy (big, "From: a@b.example\r\n\r\n", 21);
  m = crm_eml_parse_data (big, CRM_EML_MAX_SIZE + 1, &error);
  g_assert_null (m);
  g_assert_error (error, CRM_EML_ERROR, CRM_EML_ERROR_TOO_LARGE);
}

static void
test_parse_limits (void)
{
  g_autoptr(GString) text = g_string_new ("From: \"");
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmEmlMessage) m = NULL;
  g_autoptr(CrmEmlMessage) nested = NULL;
  g_autoptr(CrmEmlMessage) mbox = NULL;

  /* A name, a subject and references far too long, a body over the limit
   * in Chinese (three bytes a character: the cut must fall between them),
   * invalid UTF-8 in a UTF-8 body. */
  for (guint i = 0; i < 5000; i++)
    g_string_append (text, "名字");
  g_string_append (text, "\" <huge@example.com>\r\nSubject: ");
  for (guint i = 0; i < 20000; i++)
    g_string_append (text, "主题");
  g_string_append (text, "\r\nReferences:");
  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (text, " <ref%u@example.com>", i);
  g_string_append (text, "\r\nMessage-ID: <");
  for (guint i = 0; i < 2000; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "@example.com>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\xff\xfe bad ");
  for (guint i = 0; i < 100000; i++)
    g_string_append (text, "正文");
  m = crm_eml_parse_data (text->str, text->len, &error);
  g_assert_no_error (error);
  assert_valid_message (m);
  g_assert_true (g_str_has_prefix (m->subject, "主题主题"));
  g_assert_cmpuint (strlen (m->subject), >, CRM_EML_MAX_SUBJECT - 3);
  g_assert_true (m->body_truncated);
  g_assert_true (g_str_has_suffix (m->body, "正文…"));
  g_assert_true (g_str_has_prefix (m->body, "\xef\xbf\xbd\xef\xbf\xbd bad 正文"));
  g_assert_cmpuint (m->references->len, ==, CRM_EML_MAX_REFERENCES);
  g_assert_cmpstr (g_ptr_array_index (m->references, CRM_EML_MAX_REFERENCES - 1), ==, "<ref999@example.com>");
  /* An id longer than RFC 5322 lines can be is no id. */
  g_assert_cmpstr (m->message_id, ==, "");

  /* Multiparts nested far deeper than any mailer goes. */
  g_string_assign (text, "From: deep@example.com\r\nSubject: deep\r\n");
  for (guint i = 0; i < 300; i++)
    g_string_append_printf (text, "Content-Type: multipart/mixed; boundary=\"b%u\"\r\n\r\n--b%u\r\n", i, i);
  g_string_append (text, "Content-Type: text/plain\r\n\r\ndeep inside\r\n");
  nested = crm_eml_parse_data (text->str, text->len, &error);
  g_assert_no_error (error);
  assert_valid_message (nested);
  g_assert_cmpstr (nested->subject, ==, "deep");

  /* An mbox "From " line and a byte order mark before the headers. */
  mbox = parse_text ("\xef\xbb\xbf" "From MAILER-DAEMON Mon Mar  2 09:14:02 2026\n"
                     "From: Ann <ann@example.com>\nSubject: hi\n\nHello\n", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mbox->from.address, ==, "ann@example.com");
  g_assert_cmpstr (mbox->body, ==, "Hello");
}

static void
test_parse_no_date (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmEmlMessage) m = parse_text (
    "Received: from a by b; Tue, 3 Mar 2026 10:00:00 +0000\r\n"
    "Received: from c by a; Tue, 3 Mar 2026 09:59:30 +0000\r\n"
    "From: sam@example.com\r\nSubject: no date\r\n\r\nbody\r\n", &error);

  g_assert_no_error (error);
  /* The first server's (the last Received header). */
  g_assert_cmpint (m->date, ==, utc (2026, 3, 3, 9, 59, 30));
  g_assert_cmpstr (m->from.name, ==, "");
  g_assert_cmpstr (m->from.address, ==, "sam@example.com");
}

/* --- text helpers --- */

static void
test_text_charsets (void)
{
  /* 赟 is in GBK, not in GB2312: mailers label such text gb2312 anyway. */
  const char gbk[] = "\xd5\xd4\xda\x53";        /* 赵赟 */
  const char latin1[] = "caf\xe9 \x80";         /* café € */
  g_autofree char *a = crm_eml_to_utf8 (gbk, 4, "gb2312");
  g_autofree char *b = crm_eml_to_utf8 (latin1, 6, "iso-8859-1");
  g_autofree char *c = crm_eml_to_utf8 (latin1, 6, NULL);
  g_autofree char *d = crm_eml_to_utf8 ("日本", strlen ("日本"), "x-no-such-charset");
  g_autofree char *e = crm_eml_to_utf8 ("\xd5\xd4\xff\xd5", 4, "GBK");
  g_autofree char *f = crm_eml_to_utf8 ("ok\xc3", 3, "utf-8");
  g_autofree char *g = crm_eml_to_utf8 ("", 0, "utf-8");

  g_assert_cmpstr (a, ==, "赵赟");
  g_assert_cmpstr (b, ==, "café €");
  g_assert_cmpstr (c, ==, "café €");
  g_assert_cmpstr (d, ==, "日本");
  /* Bytes invalid in the charset are replaced, the rest kept. */
  g_assert_true (g_str_has_prefix (e, "赵\xef\xbf\xbd"));
  g_assert_true (g_utf8_validate (e, -1, NULL));
  g_assert_cmpstr (f, ==, "ok\xef\xbf\xbd");
  g_assert_cmpstr (g, ==, "");
}

static void
test_text_html (void)
{
  static const struct { const char *html; const char *text; } cases[] = {
    { "<p>a</p><p>b</p>", "a\n\nb" },
    { "a<br>b<br><br><br>c", "a\nb\n\nc" },
    { "  lots   of\n\n white\tspace ", "lots of white space" },
    { "<pre>  keep\n    this</pre>after", "  keep\n    this\n\nafter" },
    { "x &lt;y&gt; &amp; &#x4E2D;&#25991; &#0; &bogus; &AMP;", "x <y> & 中文 \xef\xbf\xbd &bogus; &" },
    { "<!-- <p>hidden</p> -->shown", "shown" },
    { "<style>p{}</style><script>if (a < b) x();</script>ok", "ok" },
    { "1 < 2 and <b>bold</b>", "1 < 2 and bold" },
    { "<a href=\"https://e.example/x\">https://e.example/x</a>", "https://e.example/x" },
    { "<a href='mailto:a@b.example'>mail</a>", "mail" },
    { "<img alt=\"x>y\" src=a>text", "text" },
    { "<p>unclosed <b>tags <i>everywhere", "unclosed tags everywhere" },
    { "<div", "" },
    { "&#150; &#8211;", "– –" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = crm_eml_html_to_text (cases[i].html, -1);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_text_quoted (void)
{
  static const struct { const char *body; const char *own; } cases[] = {
    { "Yes.\n\n在 2026年3月2日 09:14，李伟 <li@x.example> 写道：\n> 请确认", "Yes." },
    { "Fine.\n\nOn Mon, 2 Mar 2026 at 09:14, Ann\n<ann@x.example> wrote:\n> hi\n>> older", "Fine." },
    { "Top.\n\n________________________________\nFrom: Ann\nSent: today\n\nold", "Top." },
    { "Reply.\n\n------------------ 原始邮件 ------------------\n发件人: x", "Reply." },
    { "Inline:\n> question\nanswer\n", "Inline:\n> question\nanswer\n" },
    { "> only quoted\n> text", "> only quoted\n> text" },
    { "no quote at all", "no quote at all" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *own = crm_eml_strip_quoted (cases[i].body);

      g_assert_cmpstr (own, ==, cases[i].own);
    }
}

static void
test_text_ticket_number (void)
{
  static const struct { const char *subject; gint64 number; } cases[] = {
    { "Re: [#1234] Printer", 1234 },
    { "RE: [Ticket #42] x", 42 },
    { "回复：【#7】发票", 7 },
    { "[工单 #88] 退款", 88 },
    { "[#1] then [#2]", 2 },
    { "Issue #12", 0 },
    { "[#]", 0 },
    { "[#12a]", 0 },
    { "[#1234567890123]", 0 },
    { "", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (crm_eml_subject_ticket_number (cases[i].subject), ==, cases[i].number);
  g_assert_cmpint (crm_eml_subject_ticket_number (NULL), ==, 0);
}

static void
test_text_flowed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmEmlMessage) m = parse_text (
    "From: a@b.example\nContent-Type: text/plain; format=flowed; delsp=yes\n\n"
    "one two \nthree\n>quoted \n>more\n From stuffed\n-- \nsig\n", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (m->body, ==, "one twothree\n> quotedmore\nFrom stuffed\n--\nsig");
}

/* --- importing --- */

typedef struct
{
  char     *dir;
  CrmStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  static const char *const setup[] = {
    "INSERT INTO organization (id, created, updated, name, tier) VALUES "
    "(10, 0, 0, 'Northwind Traders', 'key'), (11, 0, 0, 'Old Employer', 'standard')",
    "INSERT INTO person (id, created, updated, given_name, family_name, display_name, email) VALUES "
    "(20, 0, 0, 'John', 'Smith', 'John Smith', 'john.smith@northwind.example'),"
    "(21, 0, 0, '伟', '李', '李伟', 'li.wei@huadong-trade.example.cn')",
    "INSERT INTO affiliation (id, created, updated, person_id, organization_id, is_primary, ended) VALUES "
    "(30, 0, 0, 20, 11, 0, '2024-01-01'), (31, 0, 0, 20, 10, 1, '')",
  };

  /* The store's clock, after every sample's date. */
  g_setenv ("CRM_STORE_NOW", "1774000000", TRUE);
  f->dir = crm_test_make_tmpdir ();
  path = g_build_filename (f->dir, "eml.db", NULL);
  f->store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);

  /* John Smith works at Northwind (his primary affiliation; an old one
   * elsewhere); Li Wei is a customer of his own, no organization. */
  for (guint i = 0; i < G_N_ELEMENTS (setup); i++)
    {
      g_autofree char *out = crm_test_query (f->store, "%s", setup[i]);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  crm_store_close (f->store);
  g_clear_object (&f->store);
  g_free (f->dir);
  g_unsetenv ("CRM_STORE_NOW");
}

static CrmEmlImport *
import_files (Fixture     *f,
              const char  *first,
              ...)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CrmEmlImport *import = crm_eml_import_new (f->store);
  va_list ap;

  va_start (ap, first);
  for (const char *name = first; name != NULL; name = va_arg (ap, const char *))
    {
      g_autofree char *path = g_path_is_absolute (name) ? g_strdup (name) : sample_path (name);

      g_ptr_array_add (files, g_file_new_for_path (path));
    }
  va_end (ap);

  crm_eml_import_run_async (import, (GFile * const *) files->pdata, files->len, NULL,
                            crm_test_store_result, &result);
  g_assert_true (crm_eml_import_run_finish (import, crm_test_await (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (crm_eml_import_get_n_results (import), ==, files->len);
  return import;
}

static const CrmEmlFileResult *
result_at (CrmEmlImport *import,
           guint         i)
{
  return crm_eml_import_get_result (import, i);
}

static void
test_import_new_tickets (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CrmEmlImport) import = import_files (f, "plain-ascii.eml", "alternative.eml", "gb2312.eml",
                                                 "mixed-attachment.eml", NULL);
  const CrmEmlFileResult *john = result_at (import, 0);
  const CrmEmlFileResult *maria = result_at (import, 1);
  g_autofree char *ticket = NULL;
  g_autofree char *message = NULL;
  g_autofree char *person = NULL;
  g_autofree char *body = NULL;

  /* Reported in the order given, numbered in the order sent (2, 5, 4 and
   * 7 March). */
  static const gint64 numbers[] = { 1, 3, 2, 4 };

  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpint (result_at (import, i)->outcome, ==, CRM_EML_OUTCOME_CREATED);
      g_assert_null (result_at (import, i)->reason);
      g_assert_cmpuint (result_at (import, i)->position, ==, i);
      g_assert_cmpint (result_at (import, i)->ticket_number, ==, numbers[i]);
    }
  g_assert_cmpuint (crm_eml_import_count (import, CRM_EML_OUTCOME_CREATED), ==, 4);
  g_assert_cmpuint (crm_eml_import_get_ticket_ids (import)->len, ==, 4);
  g_assert_cmpstr (john->name, ==, "plain-ascii.eml");

  /* A known sender: the person and their primary organization. */
  g_assert_cmpint (john->person_id, ==, 20);
  g_assert_false (john->person_created);
  ticket = crm_test_query (f->store, "SELECT number, subject, channel, priority, status, person_id, "
                                     "organization_id, created FROM ticket WHERE id = %" G_GINT64_FORMAT,
                           john->ticket_id);
  g_assert_cmpstr (ticket, ==, "1|Invoice 2041 shows the wrong VAT rate|email|normal|new|20|10|1772442842\n");
  message = crm_test_query (f->store, "SELECT kind, person_id, sent, message_id FROM ticket_message "
                                      "WHERE ticket_id = %" G_GINT64_FORMAT, john->ticket_id);
  g_assert_cmpstr (message, ==, "customer|20|1772442842|<CAK7x2Lm0p3sQ@mail.northwind.example>\n");

  /* An unknown sender becomes a person, named from the From header. */
  g_assert_true (maria->person_created);
  person = crm_test_query (f->store, "SELECT given_name, family_name, display_name, email, "
                                     "preferred_channel FROM person WHERE id = %" G_GINT64_FORMAT,
                           maria->person_id);
  g_assert_cmpstr (person, ==, "Maria|Rossi|Maria Rossi|maria.rossi@bellavista.example.it|email\n");
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM ticket WHERE id = %" G_GINT64_FORMAT
                                                 " AND organization_id IS NULL", maria->ticket_id), ==, 1);

  /* Li Wei is matched (a consumer: no organization); the GB2312 subject. */
  g_assert_cmpint (result_at (import, 2)->person_id, ==, 21);
  g_free (ticket);
  ticket = crm_test_query (f->store, "SELECT subject FROM ticket WHERE number = 2");
  g_assert_cmpstr (ticket, ==, "发票金额有误，请尽快处理\n");

  /* The attachments end the text, by name and size. */
  body = crm_test_query (f->store, "SELECT body FROM ticket_message m JOIN ticket t ON t.id = m.ticket_id "
                                   "WHERE t.number = 4");
  g_assert_cmpstr (body, ==, "您好，\n\n附件是新的报价单，请确认第5项的单价。\n\n陈静\n\n"
                             "[报价单.pdf (1.5 kB)]\n[items.csv (28 B)]\n");
}

static gint64
add_reply (Fixture    *f,
           gint64      ticket_id,
           const char *message_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  crm_ticket_flow_add_message_full_async (f->store, ticket_id, "reply", "Here is the corrected invoice.",
                                          0, 0, 0, message_id, NULL, NULL, crm_test_store_result, &result);
  id = crm_ticket_flow_add_message_finish (f->store, crm_test_await (&result), &error);
  g_assert_no_error (error);
  return id;
}

static void
set_status (Fixture    *f,
            gint64      ticket_id,
            const char *status)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTicketUndo) undo = NULL;

  crm_ticket_flow_set_status_async (f->store, ticket_id, status, 0, NULL, crm_test_store_result, &result);
  undo = crm_ticket_flow_set_status_finish (f->store, crm_test_await (&result), &error);
  g_assert_no_error (error);
}

/* A copy of a sample with "[#1]" in its subject naming ticket @number. */
static char *
token_reply (Fixture *f,
             gint64   number)
{
  g_autofree char *path = sample_path ("reply-subject-token.eml");
  g_autofree char *text = NULL;
  g_autofree char *token = g_strdup_printf ("[#%" G_GINT64_FORMAT "]", number);
  g_auto(GStrv) parts = NULL;
  g_autofree char *joined = NULL;
  g_autoptr(GError) error = NULL;
  char *out = g_build_filename (f->dir, "token.eml", NULL);

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  parts = g_strsplit (text, "[#1]", -1);
  joined = g_strjoinv (token, parts);
  g_file_set_contents (out, joined, -1, &error);
  g_assert_no_error (error);
  return out;
}

static void
test_import_threading (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CrmEmlImport) first = import_files (f, "plain-ascii.eml", "alternative.eml", NULL);
  gint64 john_ticket = result_at (first, 0)->ticket_id;
  gint64 maria_ticket = result_at (first, 1)->ticket_id;
  gint64 maria_number = result_at (first, 1)->ticket_number;
  g_autoptr(CrmEmlImport) replies = NULL;
  g_autoptr(CrmEmlImport) again = NULL;
  g_autofree char *token = NULL;
  g_autofree char *thread = NULL;
  g_autofree char *status = NULL;

  /* The agent answered John (the reply's Message-ID is what his mailer
   * quotes in In-Reply-To) and waits for him; Maria's ticket is resolved. */
  add_reply (f, john_ticket, "<reply-2041-1@rapport.example>");
  set_status (f, john_ticket, "waiting-on-customer");
  set_status (f, maria_ticket, "resolved");
  /* Maria's reply names her ticket only in the subject. */
  token = token_reply (f, maria_number);

  replies = import_files (f, "reply-in-reply-to.eml", token, NULL);
  g_assert_cmpint (result_at (replies, 0)->outcome, ==, CRM_EML_OUTCOME_THREADED);
  g_assert_cmpint (result_at (replies, 0)->ticket_id, ==, john_ticket);
  g_assert_cmpint (result_at (replies, 0)->ticket_number, ==, 1);
  /* "John.Smith@Northwind.example" is John. */
  g_assert_cmpint (result_at (replies, 0)->person_id, ==, 20);
  g_assert_false (result_at (replies, 0)->person_created);
  g_assert_cmpint (result_at (replies, 1)->outcome, ==, CRM_EML_OUTCOME_THREADED);
  g_assert_cmpint (result_at (replies, 1)->ticket_id, ==, maria_ticket);
  g_assert_cmpint (result_at (replies, 1)->person_id, ==, result_at (first, 1)->person_id);
  g_assert_cmpuint (crm_eml_import_count (replies, CRM_EML_OUTCOME_THREADED), ==, 2);
  g_assert_cmpuint (crm_eml_import_get_ticket_ids (replies)->len, ==, 2);

  /* The conversation, the quoted message left out, and both tickets open
   * again. */
  thread = crm_test_query (f->store, "SELECT kind, body, in_reply_to FROM ticket_message "
                                     "WHERE ticket_id = %" G_GINT64_FORMAT " ORDER BY sent", john_ticket);
  g_assert_cmpstr (thread, ==,
                   "customer|Hello,\n\nInvoice 2041 from last week charges 20% VAT, but we are registered in\n"
                   "Ireland and should be invoiced with the reverse charge.\n\n"
                   "Could you send a corrected invoice?\n\nThanks,\nJohn Smith\n"
                   "Accounts Payable, Northwind Traders|\n"
                   "customer|Thanks, the corrected invoice arrived, but the PO number is missing.\n"
                   "Could you add PO-77120?|<reply-2041-1@rapport.example>\n"
                   "reply|Here is the corrected invoice.|\n");
  status = crm_test_query (f->store, "SELECT status FROM ticket WHERE id IN (%" G_GINT64_FORMAT ", %"
                                     G_GINT64_FORMAT ")", john_ticket, maria_ticket);
  g_assert_cmpstr (status, ==, "open\nopen\n");
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM ticket"), ==, 2);

  /* Importing everything again changes nothing. */
  again = import_files (f, "plain-ascii.eml", "alternative.eml", "reply-in-reply-to.eml", token, NULL);
  g_assert_cmpuint (crm_eml_import_count (again, CRM_EML_OUTCOME_SKIPPED), ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (result_at (again, i)->reason, ==, "duplicate");
  g_assert_cmpint (result_at (again, 2)->ticket_id, ==, john_ticket);
  g_assert_cmpuint (crm_eml_import_get_ticket_ids (again)->len, ==, 0);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM ticket"), ==, 2);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM ticket_message"), ==, 5);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM person"), ==, 3);
}

static void
test_import_references (Fixture       *f,
                        gconstpointer  data)
{
  /* No reply of ours is known: the References header's first message is.
   * The reply comes first in the list, but it was sent later. */
  g_autoptr(CrmEmlImport) import = import_files (f, "reply-in-reply-to.eml", "plain-ascii.eml", NULL);

  g_assert_cmpint (result_at (import, 0)->outcome, ==, CRM_EML_OUTCOME_THREADED);
  g_assert_cmpint (result_at (import, 1)->outcome, ==, CRM_EML_OUTCOME_CREATED);
  g_assert_cmpint (result_at (import, 0)->ticket_id, ==, result_at (import, 1)->ticket_id);
  g_assert_cmpuint (crm_eml_import_get_ticket_ids (import)->len, ==, 1);
}

static void
test_import_closed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CrmEmlImport) first = import_files (f, "alternative.eml", NULL);
  g_autoptr(CrmEmlImport) late = NULL;
  g_autofree char *token = token_reply (f, result_at (first, 0)->ticket_number);

  /* A closed ticket stays closed: the follow-up is a new ticket. */
  set_status (f, result_at (first, 0)->ticket_id, "closed");
  late = import_files (f, token, NULL);
  g_assert_cmpint (result_at (late, 0)->outcome, ==, CRM_EML_OUTCOME_CREATED);
  g_assert_cmpint (result_at (late, 0)->ticket_number, ==, 2);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM ticket WHERE status = 'closed'"), ==, 1);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_import_report (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *no_id = write_file (f, "no-id.eml",
    "From: Wang Fang <wang.fang@example.cn>\r\nSubject: =?UTF-8?B?6YCA5qy+?=\r\n\r\n"
    "请退款。\r\n");
  g_autofree char *no_sender = write_file (f, "no-sender.eml",
    "Subject: who wrote this?\r\nMessage-ID: <anon@example.com>\r\n\r\nNobody.\r\n");
  g_autofree char *bad_sender = write_file (f, "bad-sender.eml",
    "From: Someone <not an address>\r\nSubject: x\r\n\r\ny\r\n");
  g_autofree char *empty = write_file (f, "empty.eml", "");
  g_autofree char *nothing = write_file (f, "nothing.eml", "From: a@b.example\r\n\r\n");
  g_autofree char *subject_only = write_file (f, "subject-only.eml",
    "From: \"Smith, Anna\" <anna.smith@example.org>\r\nSubject: Call me back\r\nDate: Fri, 1 Jan 2100 00:00:00 +0000\r\n\r\n");
  g_autofree char *missing = g_build_filename (f->dir, "missing.eml", NULL);
  g_autoptr(CrmEmlImport) import = import_files (f, "plain-ascii.eml", "not-a-message.eml", no_id,
                                                 no_sender, bad_sender, empty, nothing, missing,
                                                 "malformed.eml", "plain-ascii.eml", subject_only,
                                                 no_id, NULL);
  static const struct { CrmEmlOutcome outcome; const char *reason; } expected[] = {
    { CRM_EML_OUTCOME_CREATED, NULL },
    { CRM_EML_OUTCOME_REJECTED, "not-a-message" },
    { CRM_EML_OUTCOME_CREATED, NULL },
    { CRM_EML_OUTCOME_REJECTED, "no-sender" },
    { CRM_EML_OUTCOME_REJECTED, "no-sender" },
    { CRM_EML_OUTCOME_REJECTED, "empty" },
    { CRM_EML_OUTCOME_REJECTED, "no-text" },
    { CRM_EML_OUTCOME_REJECTED, "unreadable" },
    { CRM_EML_OUTCOME_CREATED, NULL },
    { CRM_EML_OUTCOME_SKIPPED, "duplicate" },
    { CRM_EML_OUTCOME_CREATED, NULL },
    { CRM_EML_OUTCOME_SKIPPED, "duplicate" },
  };
  g_autofree char *anna = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const CrmEmlFileResult *r = result_at (import, i);

      g_test_message ("file %u: %s %s", i, crm_eml_outcome_to_string (r->outcome), r->reason);
      g_assert_cmpint (r->outcome, ==, expected[i].outcome);
      g_assert_cmpstr (r->reason, ==, expected[i].reason);
      if (r->outcome == CRM_EML_OUTCOME_REJECTED)
        {
          g_assert_nonnull (r->detail);
          g_assert_cmpstr (r->detail, !=, "");
          g_assert_cmpint (r->ticket_id, ==, 0);
          g_assert_cmpstr (crm_eml_reason_get_label (r->reason), !=, r->reason);
        }
    }
  g_assert_cmpuint (crm_eml_import_count (import, CRM_EML_OUTCOME_CREATED), ==, 4);
  g_assert_cmpuint (crm_eml_import_count (import, CRM_EML_OUTCOME_REJECTED), ==, 6);
  g_assert_cmpuint (crm_eml_import_count (import, CRM_EML_OUTCOME_SKIPPED), ==, 2);
  g_assert_cmpstr (crm_eml_outcome_to_string (CRM_EML_OUTCOME_THREADED), ==, "threaded");

  /* Without a Message-ID (no-id.eml, subject-only.eml) a message is known
   * by its bytes: the second no-id.eml was skipped. */
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM ticket_message "
                                                 "WHERE message_id LIKE '<%%@eml.rapport.invalid>'"), ==, 2);
  /* A malformed date is now; one in the future too.  "Smith, Anna" is Anna
   * Smith, and a message with only a subject says it in its text. */
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT created FROM ticket WHERE subject LIKE 'Status %%'"),
                   ==, 1774000000);
  anna = crm_test_query (f->store, "SELECT p.display_name, t.created, m.body FROM ticket t "
                                   "JOIN person p ON p.id = t.person_id "
                                   "JOIN ticket_message m ON m.ticket_id = t.id WHERE t.subject = 'Call me back'");
  g_assert_cmpstr (anna, ==, "Anna Smith|1774000000|Call me back\n");
}

static void
test_import_cancel (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CrmEmlImport) import = crm_eml_import_new (f->store);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sample_path ("plain-ascii.eml");
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_cancellable_cancel (cancellable);
  crm_eml_import_run_async (import, &file, 1, cancellable, crm_test_store_result, &result);
  g_assert_false (crm_eml_import_run_finish (import, crm_test_await (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM ticket"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/eml/parse/plain", test_parse_plain);
  g_test_add_func ("/eml/parse/utf8", test_parse_utf8);
  g_test_add_func ("/eml/parse/gb2312", test_parse_gb2312);
  g_test_add_func ("/eml/parse/alternative", test_parse_alternative);
  g_test_add_func ("/eml/parse/html", test_parse_html);
  g_test_add_func ("/eml/parse/mixed", test_parse_mixed);
  g_test_add_func ("/eml/parse/quoted-printable", test_parse_quoted_printable);
  g_test_add_func ("/eml/parse/reply", test_parse_reply);
  g_test_add_func ("/eml/parse/malformed", test_parse_malformed);
  g_test_add_func ("/eml/parse/errors", test_parse_errors);
  g_test_add_func ("/eml/parse/limits", test_parse_limits);
  g_test_add_func ("/eml/parse/no-date", test_parse_no_date);
  g_test_add_func ("/eml/text/charsets", test_text_charsets);
  g_test_add_func ("/eml/text/html", test_text_html);
  g_test_add_func ("/eml/text/quoted", test_text_quoted);
  g_test_add_func ("/eml/text/ticket-number", test_text_ticket_number);
  g_test_add_func ("/eml/text/flowed", test_text_flowed);
  g_test_add ("/eml/import/new-tickets", Fixture, NULL, fixture_set_up, test_import_new_tickets,
              fixture_tear_down);
  g_test_add ("/eml/import/threading", Fixture, NULL, fixture_set_up, test_import_threading,
              fixture_tear_down);
  g_test_add ("/eml/import/references", Fixture, NULL, fixture_set_up, test_import_references,
              fixture_tear_down);
  g_test_add ("/eml/import/closed", Fixture, NULL, fixture_set_up, test_import_closed,
              fixture_tear_down);
  g_test_add ("/eml/import/report", Fixture, NULL, fixture_set_up, test_import_report,
              fixture_tear_down);
  g_test_add ("/eml/import/cancel", Fixture, NULL, fixture_set_up, test_import_cancel,
              fixture_tear_down);
  return g_test_run ();
}
