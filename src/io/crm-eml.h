/* crm-eml.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One e-mail message (an .eml file: RFC 5322 with MIME) read into a plain
 * struct, with GMime doing the MIME work: every header decoded to UTF-8
 * (RFC 2047 encoded words in any charset iconv knows, raw 8-bit headers as
 * UTF-8, GB18030 or Windows-1252), the best text body (text/plain before
 * text/html, which is turned into plain text; through nested multiparts;
 * quoted-printable and base64; the part's charset), and the attachments by
 * name and size.  Plain code, no GObject of its own and no GTK: it runs on
 * any thread.
 *
 * Broken input never crashes: an empty or oversized file, or bytes with no
 * header at all, give a CrmEmlError; anything else gives the best message
 * that can be made of it (a truncated multipart keeps what came before the
 * cut, invalid bytes become U+FFFD).  Every string is valid UTF-8 and within
 * the limits below.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CRM_EML_ERROR (crm_eml_error_quark ())

typedef enum
{
  CRM_EML_ERROR_EMPTY,         /* no bytes (or only blank lines) */
  CRM_EML_ERROR_TOO_LARGE,     /* over CRM_EML_MAX_SIZE */
  CRM_EML_ERROR_NOT_MESSAGE,   /* no header block: not an e-mail message */
} CrmEmlError;

/* The largest message read, in bytes. */
#define CRM_EML_MAX_SIZE        (32 * 1024 * 1024)
/* The longest body kept, in bytes of UTF-8 (cut at a character, "…" after). */
#define CRM_EML_MAX_BODY        (128 * 1024)
/* The longest subject, display name, address and Message-ID kept, in bytes. */
#define CRM_EML_MAX_SUBJECT     998
#define CRM_EML_MAX_NAME        256
#define CRM_EML_MAX_ADDRESS     254
#define CRM_EML_MAX_MESSAGE_ID  998
/* At most this many recipients, references (the newest) and attachments. */
#define CRM_EML_MAX_RECIPIENTS  100
#define CRM_EML_MAX_REFERENCES  64
#define CRM_EML_MAX_ATTACHMENTS 256

typedef struct
{
  char *name;      /* decoded display name, "" when none */
  char *address;   /* "local@domain" as written, "" when none */
} CrmEmlAddress;

typedef struct
{
  char   *filename;      /* decoded, "" when the part has no name */
  char   *content_type;  /* "application/pdf", lower case */
  guint64 size;          /* decoded bytes */
} CrmEmlAttachment;

typedef struct
{
  CrmEmlAddress  from;
  GPtrArray     *to;            /* CrmEmlAddress*, To then Cc */
  char          *subject;       /* decoded, one line, "" when none */
  gint64         date;          /* Unix seconds (UTC), 0 when missing or unreadable */
  char          *message_id;    /* "<id@host>", "" when none */
  char          *in_reply_to;   /* "<id@host>", "" when none */
  GPtrArray     *references;    /* char* "<id@host>", oldest first */
  char          *body;          /* plain text, "\n" line ends, trimmed */
  gboolean       body_from_html;/* the body was converted from text/html */
  gboolean       body_truncated;/* the body was longer than CRM_EML_MAX_BODY */
  GPtrArray     *attachments;   /* CrmEmlAttachment* */
  char          *digest;        /* SHA-256 of the raw bytes, hex */
} CrmEmlMessage;

GQuark          crm_eml_error_quark       (void);

/* Parses @data (@length bytes, not necessarily NUL-terminated).  Returns
 * NULL with @error set (CRM_EML_ERROR) when it is not a message; transfer
 * full. */
CrmEmlMessage  *crm_eml_parse_data        (const char     *data,
                                           gsize           length,
                                           GError        **error);
/* Reads @file (refusing files over CRM_EML_MAX_SIZE before reading them)
 * and parses it, in the calling thread.  I/O errors are G_IO_ERROR. */
CrmEmlMessage  *crm_eml_parse_file        (GFile          *file,
                                           GCancellable   *cancellable,
                                           GError        **error);
void            crm_eml_message_free      (CrmEmlMessage  *message);

/* The ticket number of a subject token "[#1234]" (also "[Ticket #1234]",
 * "【#1234】"), the last one when there are several; 0 when none. */
gint64          crm_eml_subject_ticket_number (const char *subject);

/* Plain text of an HTML document or fragment (UTF-8): blocks and <br> to
 * line breaks, list items as "• ", links as "text <url>", no script, style
 * or head, entities decoded, white space collapsed.  Transfer full. */
char           *crm_eml_html_to_text      (const char     *html,
                                           gssize          length);
/* @data in @charset (a MIME charset name; NULL or unknown: UTF-8 when it is
 * valid, else Windows-1252) as UTF-8; bytes invalid in the charset become
 * U+FFFD.  GB2312 and GBK are read as GB18030, ISO-8859-1 as Windows-1252
 * (what mailers mean by them).  Transfer full. */
char           *crm_eml_to_utf8           (const char     *data,
                                           gsize           length,
                                           const char     *charset);
/* The text a reply adds: @body without the quoted message after it ("On …
 * wrote:" / "在 … 写道：" followed by "> " lines, or an "-----Original
 * Message-----" block); @body itself when nothing is left.  Transfer full. */
char           *crm_eml_strip_quoted      (const char     *body);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmEmlMessage, crm_eml_message_free)

G_END_DECLS
