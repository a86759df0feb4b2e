/* crm-kb-view-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by crm-kb-view.c (the list and the article editor) and
 * crm-kb-view-dialogs.c (recording a resolution, importing a log, unsaved
 * changes, undo).
 */

#pragma once

#include <adwaita.h>

#include "crm-kb.h"
#include "crm-kb-view.h"
#include "crm-selfservice-import.h"

G_BEGIN_DECLS

/* What waits for the answer to "Save the changes?". */
typedef enum
{
  PENDING_NONE,
  PENDING_SELECT,     /* show the article at pending_position */
  PENDING_NEW,        /* start a new article */
} KbPending;

struct _CrmKbView
{
  CrmView             parent_instance;

  GCancellable       *cancellable;        /* the context's work */
  GCancellable       *search_cancellable; /* the running list read */
  GListStore         *hits;               /* CrmKbHit */
  GtkSingleSelection *selection;
  GtkStringList      *tags;               /* "All Tags", then the tags */
  guint               reload_source;
  guint               count_view_source;
  gboolean            loaded;
  gboolean            searching;          /* a list read is on its way */
  gboolean            syncing;            /* widgets set by code, not the user */
  gboolean            show_problems;      /* after a refused save */

  /* the article in the editor */
  CrmKbArticle       *article;            /* NULL for a new one */
  gint64              article_id;
  gboolean            editing;            /* the editor shows an article or a new one */
  CrmKbDraft         *loaded_draft;       /* the fields as last read or saved */
  gint64              select_after_reload;
  gint64              counted_id;         /* the last article whose view was counted */
  CrmKbStats          stats;

  gint64              clicked_at;         /* monotonic time of the last click in the list */
  KbPending           pending;
  guint               pending_position;

  /* the last write, undone from its toast or the window's Ctrl+Z */
  CrmKbUndo          *last_undo;
  CrmSelfServiceImportResult *last_import;
  guint               undo_serial;        /* one more for each write offered for undo */
  GtkWindow          *dialog;             /* a dialog this view opened */

  /* template widgets */
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkDropDown        *language_drop_down;
  GtkDropDown        *tag_drop_down;
  GtkMenuButton      *more_button;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkButton          *back_button;
  GtkWidget          *article_bar;
  GtkLabel           *article_heading;
  GtkButton          *delete_button;
  GtkButton          *save_button;
  GtkStack           *article_stack;
  AdwStatusPage      *none_page;
  char               *none_title;         /* its texts, blanked while there are no articles */
  char               *none_description;
  GtkScrolledWindow  *editor_scroll;
  GtkWidget          *stats_box;
  GtkLabel           *views_label;
  GtkLabel           *views_caption;
  GtkLabel           *resolved_label;
  GtkLabel           *resolved_caption;
  AdwEntryRow        *title_row;
  AdwEntryRow        *tags_row;
  AdwComboRow        *language_row;
  GtkSwitch          *published_switch;
  GtkTextView        *body_view;
  GtkLabel           *problem_label;
  GtkLabel           *updated_label;
};

CrmStore   *_crm_kb_view_get_store        (CrmKbView   *self);
/* The fields as the editor shows them; transfer full. */
CrmKbDraft *_crm_kb_view_read_draft       (CrmKbView   *self);
gboolean    _crm_kb_view_is_dirty         (CrmKbView   *self);
/* Saves the editor's article; TRUE when a save started. */
gboolean    _crm_kb_view_save             (CrmKbView   *self);
/* Carries out what waited for the unsaved-changes question. */
void        _crm_kb_view_run_pending      (CrmKbView   *self);
/* Puts the list's selection back on the article in the editor. */
void        _crm_kb_view_reselect         (CrmKbView   *self);
/* Shows @toast with an Undo button for @undo (a write of this view). */
void        _crm_kb_view_offer_undo       (CrmKbView   *self,
                                           const char  *message,
                                           CrmKbUndo   *undo);
void        _crm_kb_view_toast            (CrmKbView   *self,
                                           const char  *message);
/* crm-kb-view-dialogs.c */
void        _crm_kb_view_ask_unsaved      (CrmKbView   *self);
void        _crm_kb_view_record_resolution (CrmKbView  *self);
void        _crm_kb_view_import_log       (CrmKbView   *self);
/* Imports @file as the file chooser's answer does (for tests too). */
void        _crm_kb_view_import_file      (CrmKbView   *self,
                                           GFile       *file);
void        _crm_kb_view_undo_last        (CrmKbView   *self);
/* Makes Ctrl+Z undo the view's last write (just offered). */
void        _crm_kb_view_push_window_undo (CrmKbView   *self);

G_END_DECLS
