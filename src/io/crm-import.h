/* crm-import.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Importing people or organizations from a CSV or vCard file.
 *
 * A CrmImport is made for a store and a file.  crm_import_read_async() reads
 * the whole file on the store's worker thread and classifies every row
 * against the database and against the rows before it in the file:
 *
 *   NEW        nothing in the database or earlier in the file matches it;
 *   MATCH      a record with the same email, the same E.164 phone number or
 *              the same (folded) name at the same organization exists, and no
 *              field that both have differs;
 *   CONFLICT   such a record exists and some fields that both have differ
 *              (crm_import_row_get_differing() names them);
 *   DUPLICATE  an earlier row of the same file has the same email, phone or
 *              name at the organization (checked before the database, so
 *              that a file holding the same person twice creates one);
 *   REJECTED   the row cannot be imported (crm_import_row_get_reason()).
 *
 * Each status has a decision (skip, update or create), and each row may
 * override its status's decision.  The defaults: NEW → create, MATCH → skip,
 * CONFLICT → skip, DUPLICATE → skip; REJECTED rows are always skipped.
 * Updating a MATCH only fills the fields the record has empty; updating a
 * CONFLICT overwrites the record's fields with the file's non-empty values.
 * Custom fields count as fields here.  Tags are only ever added: a created
 * record gets the row's tags, an updated one those it lacks.
 * A DUPLICATE cannot be updated (update means skip for it).
 *
 * crm_import_run_async() writes in one transaction on the worker and records
 * every insert and update under one import_batch row, so that
 * crm_import_undo_async() removes exactly what the import added and puts
 * back what it changed.  run_async() without a read before it classifies and
 * writes in a single pass (what the command line does); with a read before
 * it, it reads the file again and applies the decisions of the preview.
 */

#pragma once

#include <gio/gio.h>

#include "crm-contact-draft.h"
#include "crm-csv-mapping.h"
#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_IMPORT_ERROR (crm_import_error_quark ())

typedef enum
{
  CRM_IMPORT_ERROR_UNREADABLE,    /* nothing could be read from the file */
  CRM_IMPORT_ERROR_CHANGED,       /* the file changed between preview and import */
  CRM_IMPORT_ERROR_NOT_FOUND,     /* undo: no such import */
  CRM_IMPORT_ERROR_ALREADY_UNDONE,
} CrmImportError;

typedef enum
{
  CRM_IMPORT_FORMAT_CSV,
  CRM_IMPORT_FORMAT_VCARD,
} CrmImportFormat;

typedef enum
{
  CRM_IMPORT_TARGET_PERSON,
  CRM_IMPORT_TARGET_ORGANIZATION,
} CrmImportTarget;

typedef enum
{
  CRM_IMPORT_STATUS_NEW,
  CRM_IMPORT_STATUS_MATCH,
  CRM_IMPORT_STATUS_CONFLICT,
  CRM_IMPORT_STATUS_DUPLICATE,
  CRM_IMPORT_STATUS_REJECTED,
  CRM_IMPORT_N_STATUSES,
} CrmImportStatus;

typedef enum
{
  CRM_IMPORT_DECISION_SKIP,
  CRM_IMPORT_DECISION_UPDATE,
  CRM_IMPORT_DECISION_CREATE,
} CrmImportDecision;

/* A rejected row: its line and a stable reason key. */
typedef struct
{
  guint       line;
  const char *reason;   /* static: "invalid-email", "invalid-phone", "no-name",
                         * "bad-encoding", "too-long", "malformed-row",
                         * "malformed-card", "invalid-value" (a custom field) */
} CrmImportRejection;

#define CRM_TYPE_IMPORT_ROW (crm_import_row_get_type ())
G_DECLARE_FINAL_TYPE (CrmImportRow, crm_import_row, CRM, IMPORT_ROW, GObject)

#define CRM_TYPE_IMPORT (crm_import_get_type ())
G_DECLARE_FINAL_TYPE (CrmImport, crm_import, CRM, IMPORT, GObject)

GQuark             crm_import_error_quark        (void);
const char        *crm_import_status_to_string   (CrmImportStatus    status);
/* Translated labels for the UI. */
const char        *crm_import_status_get_label   (CrmImportStatus    status);
const char        *crm_import_reason_get_label   (const char        *reason);
/* A database column of the target ("given_name") → a translated label. */
const char        *crm_import_column_get_label   (const char        *column);

/* transfer none on both; the format is guessed from the name and content. */
CrmImport         *crm_import_new                (CrmStore          *store,
                                                  GFile             *file);
GFile             *crm_import_get_file           (CrmImport         *self);
CrmImportFormat    crm_import_get_format         (CrmImport         *self);
CrmImportTarget    crm_import_get_target         (CrmImport         *self);
/* Organizations are guessed when the rows have an organization and no
 * person names (what Rapport's organization export writes); a read after
 * this uses @target. */
void               crm_import_set_target         (CrmImport         *self,
                                                  CrmImportTarget    target);

void               crm_import_read_async         (CrmImport         *self,
                                                  GCancellable      *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer           user_data);
gboolean           crm_import_read_finish        (CrmImport         *self,
                                                  GAsyncResult      *result,
                                                  GError           **error);

/* After a read: the preview rows (CrmImportRow), in file order. */
GListModel        *crm_import_get_rows           (CrmImport         *self);
guint              crm_import_get_count          (CrmImport         *self,
                                                  CrmImportStatus    status);

/* CSV only (NULL for vCard or before a read): the column mapping, and up to
 * @max_samples non-empty values of @column from the first rows. */
const CrmCsvMapping *crm_import_get_mapping      (CrmImport         *self);
GStrv              crm_import_dup_samples        (CrmImport         *self,
                                                  guint              column,
                                                  guint              max_samples);
/* Changes one column's field key (NULL: ignore the column).  The preview is
 * stale until the next crm_import_read_async(). */
gboolean           crm_import_set_mapping        (CrmImport         *self,
                                                  guint              column,
                                                  const char        *key);

void               crm_import_set_decision       (CrmImport         *self,
                                                  CrmImportStatus    status,
                                                  CrmImportDecision  decision);
CrmImportDecision  crm_import_get_decision       (CrmImport         *self,
                                                  CrmImportStatus    status);

/* The "fraction" property (0..1) follows reading and writing, notified on
 * the main thread at most every 100 ms. */
double             crm_import_get_fraction       (CrmImport         *self);

/* Writes; returns the import_batch id (0 with @error set).  Cancelling rolls
 * everything back. */
void               crm_import_run_async          (CrmImport         *self,
                                                  GCancellable      *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer           user_data);
gint64             crm_import_run_finish         (CrmImport         *self,
                                                  GAsyncResult      *result,
                                                  GError           **error);
/* After a run. */
guint              crm_import_get_n_imported     (CrmImport         *self);
guint              crm_import_get_n_updated      (CrmImport         *self);
guint              crm_import_get_n_skipped      (CrmImport         *self);
/* After a read or a run: the rejected rows in file order; transfer none. */
const CrmImportRejection *crm_import_get_rejections (CrmImport      *self,
                                                  guint             *n_rejections);

/* One preview row. */
guint              crm_import_row_get_line       (CrmImportRow      *self);
CrmImportStatus    crm_import_row_get_status     (CrmImportRow      *self);
const char        *crm_import_row_get_reason     (CrmImportRow      *self);
gint64             crm_import_row_get_matched_id (CrmImportRow      *self);
/* Database columns that differ from the matched record, then the labels of
 * the custom fields (of the first 16) whose values differ; transfer full. */
GStrv              crm_import_row_get_differing  (CrmImportRow      *self);
/* Name, email, phone and organization as read ("" for rows past the first
 * 200,000 of a file, whose text the preview does not keep). */
const char        *crm_import_row_get_title      (CrmImportRow      *self);
const char        *crm_import_row_get_subtitle   (CrmImportRow      *self);
CrmImportDecision  crm_import_row_get_decision   (CrmImportRow      *self);
void               crm_import_row_set_decision   (CrmImportRow      *self,
                                                  CrmImportDecision  decision);

/* Removes the records the batch inserted and restores the values it
 * changed, in one transaction.  Records edited after the import are
 * restored (or removed) too; @n_edited tells how many there were. */
void               crm_import_undo_async         (CrmStore          *store,
                                                  gint64             batch_id,
                                                  GCancellable      *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer           user_data);
gboolean           crm_import_undo_finish        (CrmStore          *store,
                                                  GAsyncResult      *result,
                                                  guint             *n_edited,
                                                  GError           **error);

G_END_DECLS
