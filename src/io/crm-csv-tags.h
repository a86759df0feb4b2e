/* crm-csv-tags.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list of tags in one CSV cell.
 *
 * Rapport writes the tags separated by ";", as Outlook writes its
 * categories and HubSpot, Salesforce and Zoho their multi-select values
 * ("VIP;Newsletter").  A tag that holds a separator (";", ",", ":::"), a
 * double quote, or that would otherwise not read back as written (white
 * space at either end, Google's "* " prefix of system groups) is put in
 * double quotes, with its own quotes doubled, as a CSV field is:
 * "Smith, Jones";VIP.
 *
 * Reading accepts what the common exporters write: a cell with ":::" in it
 * is Google's list ("* myContacts ::: Smith, Jones"), split there alone, so
 * that commas and semicolons stay inside the labels; otherwise ";" and ","
 * both separate.  A piece in double quotes is taken whole; a quote that does
 * not enclose a whole piece is only a character.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends the tags of @cell to @tags (of char*), trimmed, each once (tags
 * differing only in case are two tags); Google's "* myContacts" is
 * dropped and its other system groups ("* starred") lose the "* ". */
void  crm_csv_tags_split (const char *cell,
                          GPtrArray  *tags);
/* The cell for @tags (of char*; empty ones are left out), which
 * crm_csv_tags_split() reads back as they are.  transfer full. */
char *crm_csv_tags_join  (GPtrArray  *tags);

G_END_DECLS
