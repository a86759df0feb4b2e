/* crm-eml-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Core-internal parts of the .eml reader shared by crm-eml.c (headers and
 * MIME structure), crm-eml-text.c (charsets, flowed text, quoted replies)
 * and crm-eml-html.c (HTML to text).
 */

#pragma once

#include "crm-eml.h"

G_BEGIN_DECLS

/* Appends U+FFFD, the replacement character. */
void   _crm_eml_append_replacement (GString *out);
/* Undoes format=flowed (RFC 3676): soft line breaks joined, space-stuffing
 * removed (with @delsp, the space before a soft break too).  Transfer full. */
char  *_crm_eml_unflow        (const char *text,
                               gboolean    delsp);
/* Cleans converted text in place for storage: CRLF and CR to LF, NUL and
 * other C0 controls (but tab and newline) dropped, trailing white space of
 * lines dropped, at most one blank line in a row, trimmed. */
void   _crm_eml_tidy_text     (GString    *text);
/* Cuts @text (valid UTF-8) to at most @max_bytes at a character boundary,
 * appending "…" when it cut; returns whether it cut. */
gboolean _crm_eml_truncate    (GString    *text,
                               gsize       max_bytes);
/* The charset a <meta> of the first kilobytes of @html names, or NULL;
 * transfer full. */
char  *_crm_eml_html_charset  (const char *html,
                               gsize       length);

G_END_DECLS
