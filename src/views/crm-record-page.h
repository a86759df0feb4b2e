/* crm-record-page.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The base of the pages of one record (person, organization, deal, ticket).
 * It holds the page's "context", "record" and "editing" properties and its
 * GCancellable, and runs what the pages share:
 *
 * - sections: a page's related lists load off the UI thread as sections
 *   (bits of a guint), once the record is saved (and, for classes that use
 *   them, once the names of staff and stages are in).  The base loads the
 *   custom fields, the timeline and the tickets, and the lists of the
 *   class's related table; its load_sections loads the rest.  A change of a
 *   table of the class's table_triggers, or of a property of the record in
 *   its property_triggers, reloads those sections, once for a burst of
 *   writes.
 * - the header: the window title, Back, the menu, and in edit mode Cancel
 *   and Done; crm_record_page_class_bind_template_children() binds them
 *   from the subclass's template.
 * - edit mode: "page.edit", "page.done" (the class's commit checks the
 *   entries and puts them in the record, which is then inserted or saved)
 *   and "page.cancel", with Ctrl+E and Ctrl+Return; "page.delete".
 *
 * The page is a vertical box with the CSS name "record-page" whose template
 * children belong to the subclass.
 */

#pragma once

#include <adwaita.h>

#include "crm-types.h"
#include "crm-context.h"
#include "crm-page-util.h"
#include "crm-related.h"

G_BEGIN_DECLS

#define CRM_TYPE_RECORD_PAGE (crm_record_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (CrmRecordPage, crm_record_page, CRM, RECORD_PAGE, GtkWidget)

/* The sections the base loads; a class numbers its own with
 * CRM_RECORD_PAGE_SECTION_OWN (0), (1) ... */
#define CRM_RECORD_PAGE_SECTION_CUSTOM   (1u << 0)
#define CRM_RECORD_PAGE_SECTION_TIMELINE (1u << 1)
#define CRM_RECORD_PAGE_SECTION_TICKETS  (1u << 2)
#define CRM_RECORD_PAGE_SECTION_OWN(n)   (1u << (3 + (n)))
#define CRM_RECORD_PAGE_SECTION_ALL      G_MAXUINT

/* @name: a table (CrmStore::changed) or a property of the record; when it
 * changes, @sections reload.  Arrays of them end with { NULL, 0 }. */
typedef struct
{
  const char *name;
  guint       sections;
} CrmRecordPageTrigger;

/* A section of the records of a type (@get_type) whose @property is the
 * page's record's id (crm_related_query()), shown by @loaded.  Arrays of
 * them end with { 0, NULL, NULL, NULL }. */
typedef struct
{
  guint              section;
  GType            (*get_type) (void);
  const char        *property;
  CrmPageLoadedFunc  loaded;
} CrmRecordPageRelated;

/* Template children some pages have (see
 * crm_record_page_class_bind_template_children()). */
typedef enum
{
  CRM_RECORD_PAGE_EDIT_BUTTON = 1 << 0,  /* edit_button */
  CRM_RECORD_PAGE_TIMELINE    = 1 << 1,  /* timeline_group */
  CRM_RECORD_PAGE_TICKETS     = 1 << 2,  /* tickets_group: a person's or organization's tickets */
} CrmRecordPageChildren;

/* Actions some pages have (see crm_record_page_class_install_actions()). */
typedef enum
{
  CRM_RECORD_PAGE_LOG_ACTIVITY = 1 << 0,  /* "page.log-activity" (s: the activity kind) */
  CRM_RECORD_PAGE_SHOW_MAP     = 1 << 1,  /* "page.show-map": win.show-map for the record */
} CrmRecordPageActions;

struct _CrmRecordPageClass
{
  GtkWidgetClass parent_class;

  /* The record's kind as stored ("person", "deal"), and its type. */
  const char                 *kind;
  GType                       record_type;
  /* Whether the sections wait for the names of staff and stages. */
  gboolean                    uses_names;
  /* In edit mode, whether the header shows Cancel and Done alone. */
  gboolean                    hide_title_while_editing;
  /* msgid (marked with N_) shown when a new record could not be inserted. */
  const char                 *insert_failed_message;
  const CrmRecordPageTrigger *table_triggers;
  const CrmRecordPageTrigger *property_triggers;
  const CrmRecordPageRelated *related;

  /* Starts loading the class's other @sections (may be NULL). */
  void     (*load_sections)  (CrmRecordPage   *self,
                              guint            sections);
  /* Shows the record's values. */
  void     (*update_fields)  (CrmRecordPage   *self);
  /* Enables the class's actions (the base does "page.done" and
   * "page.cancel"). */
  void     (*update_actions) (CrmRecordPage   *self);
  /* Shows the class's own widgets for @editing; entering edit mode, fills
   * the entries. */
  void     (*apply_editing)  (CrmRecordPage   *self,
                              gboolean         editing);
  /* "Done": checks the entries, reporting problems; when all are valid,
   * puts them in the record and returns TRUE. */
  gboolean (*commit)         (CrmRecordPage   *self,
                              CrmPageProblems *problems);

  /*< private >*/
  gpointer padding[8];
};

CrmContext      *crm_record_page_get_context     (CrmRecordPage *self);
CrmStore        *crm_record_page_get_store       (CrmRecordPage *self);
/* transfer none */
CrmRecord       *crm_record_page_get_record      (CrmRecordPage *self);
/* The record's id, 0 while it is not saved. */
gint64           crm_record_page_get_id          (CrmRecordPage *self);
/* Cancelled when the page goes; transfer none. */
GCancellable    *crm_record_page_get_cancellable (CrmRecordPage *self);
/* The names of staff and stages, for classes that use them (else NULL);
 * transfer none. */
CrmRelatedNames *crm_record_page_get_names       (CrmRecordPage *self);
gboolean         crm_record_page_get_editing     (CrmRecordPage *self);
void             crm_record_page_set_editing     (CrmRecordPage *self,
                                                  gboolean       editing);
/* The window title (and subtitle, or NULL). */
void             crm_record_page_set_title       (CrmRecordPage *self,
                                                  const char    *title,
                                                  const char    *subtitle);
/* Shows the record's values and updates the actions. */
void             crm_record_page_update          (CrmRecordPage *self);
void             crm_record_page_update_actions  (CrmRecordPage *self);
void             crm_record_page_load_sections   (CrmRecordPage *self,
                                                  guint          sections);
/* Reloads @sections soon: writes come in bursts (a save, then its
 * triggers), and they reload once. */
void             crm_record_page_queue_reload    (CrmRecordPage *self,
                                                  guint          sections);

/* For subclasses' class_init, after setting the template: binds its
 * window_title, back_button, cancel_button, done_button, menu_button,
 * error_label, edit_group (the entries of edit mode) and custom_group, and
 * the @children it has besides. */
void             crm_record_page_class_bind_template_children (GtkWidgetClass        *widget_class,
                                                               CrmRecordPageChildren  children);
void             crm_record_page_class_install_actions        (GtkWidgetClass        *widget_class,
                                                               CrmRecordPageActions   actions);

G_END_DECLS
