/* crm-kb-picker.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_TYPE_KB_PICKER (crm_kb_picker_get_type ())

G_DECLARE_FINAL_TYPE (CrmKbPicker, crm_kb_picker, CRM, KB_PICKER, GtkPopover)

/* A popover that finds knowledge-base articles by title, tags or body, in
 * one language or all, and emits "article-chosen" (id, title) for the one
 * picked (then closes). */
CrmKbPicker *crm_kb_picker_new            (void);
void         crm_kb_picker_set_store      (CrmKbPicker *self,
                                           CrmStore    *store);
/* "en", "zh-CN", or NULL / "" for every language. */
void         crm_kb_picker_set_language   (CrmKbPicker *self,
                                           const char  *language);
const char  *crm_kb_picker_get_language   (CrmKbPicker *self);
/* Searches for @text (as typing it in the entry does, without the delay). */
void         crm_kb_picker_search         (CrmKbPicker *self,
                                           const char  *text);
/* The articles found by the last search, best first (CrmKbHit; transfer
 * none), and whether a search is under way. */
GListModel  *crm_kb_picker_get_results    (CrmKbPicker *self);
gboolean     crm_kb_picker_is_searching   (CrmKbPicker *self);
/* Picks the result at @position, as activating its row does. */
void         crm_kb_picker_choose         (CrmKbPicker *self,
                                           guint        position);
/* How a reply refers to an article: its reference (crm_kb_format_reference(),
 * "KB-<id>") and title, "KB-<id>: <title>"; transfer full. */
char        *crm_kb_picker_format_reference (gint64      id,
                                             const char *title);

G_END_DECLS
