/* crm-import-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of CrmImport: the plain structs its worker jobs (crm-import-worker.c)
 * exchange with the main thread.
 */

#pragma once

#include "crm-import.h"
#include "crm-store-private.h"

G_BEGIN_DECLS

/* Rows whose name, email and organization the preview keeps as text. */
#define CRM_IMPORT_SUMMARY_ROWS 200000

/* What the preview knows about one row: 32 bytes, so a million rows fit. */
typedef struct
{
  gint64   matched_id;
  char    *summary;      /* "title\037subtitle", NULL past CRM_IMPORT_SUMMARY_ROWS */
  guint32  line;
  guint32  diff;         /* bit per target column that differs */
  guint8   status;       /* CrmImportStatus */
  gint8    decision;     /* CrmImportDecision, or -1 for the status's */
  guint8   reason;       /* index into the reason keys; 0: none */
  guint8   has_draft;    /* FALSE for a vCard card the reader skipped */
} CrmImportPlan;

/* Shared by the job and the idle callbacks that report progress. */
typedef struct
{
  GWeakRef      import;
  GMainContext *context;
  gint64        last_report;   /* worker only */
} CrmImportProgress;

typedef struct
{
  /* in */
  char               *path;
  char               *file_name;
  CrmImportFormat     format;
  CrmImportTarget     target;
  gboolean            target_set;
  CrmCsvMapping      *mapping;       /* NULL: from the header */
  gint8               decisions[CRM_IMPORT_N_STATUSES];
  GArray             *plans;         /* run: the preview's (with row decisions), or NULL */
  gboolean            write;         /* run instead of read */
  CrmImportProgress  *progress;      /* atomic rc box */

  /* out */
  GArray             *out_plans;     /* read: CrmImportPlan */
  CrmCsvMapping      *out_mapping;
  GPtrArray          *samples;       /* GStrv per first rows */
  CrmImportTarget     out_target;
  GStrv               out_custom_labels; /* read: the target's custom fields */
  guint               counts[CRM_IMPORT_N_STATUSES];
  guint               n_imported;
  guint               n_updated;
  guint               n_skipped;
  GArray             *rejections;    /* CrmImportRejection */
} CrmImportJob;

void        _crm_import_job_free      (gpointer        data);
void        _crm_import_progress_clear (gpointer       data);
void        _crm_import_plan_clear    (gpointer        data);
const char *_crm_import_reason_key    (guint           index);
void        _crm_import_read_job      (CrmStoreWorker *worker,
                                       GTask          *task,
                                       gpointer        data);
void        _crm_import_undo_job      (CrmStoreWorker *worker,
                                       GTask          *task,
                                       gpointer        data);
/* Main thread: called from the progress idle. */
void        _crm_import_set_fraction  (CrmImport      *self,
                                       double          fraction);
/* The columns of a target, NULL-terminated. */
const char * const *_crm_import_target_columns (CrmImportTarget target);

/* Reasons (index into the stable keys, see _crm_import_reason_key()). */
enum { R_NONE, R_INVALID_EMAIL, R_INVALID_PHONE, R_NO_NAME, R_BAD_ENCODING, R_TOO_LONG,
       R_MALFORMED_ROW, R_MALFORMED_CARD, R_INVALID_VALUE };

/* The columns of the targets, in _crm_import_target_columns() order. */
enum { P_GIVEN, P_FAMILY, P_DISPLAY, P_EMAIL, P_PHONE, P_BIRTH, P_GENDER, P_LANGUAGE, P_CITY,
       P_REGION, P_COUNTRY, P_ADDRESS, P_NOTES, P_N };
enum { O_NAME, O_INDUSTRY, O_SIZE, O_WEBSITE, O_EMAIL, O_PHONE, O_CITY, O_REGION, O_COUNTRY,
       O_ADDRESS, O_TIER, O_NOTES, O_N };

#define CRM_IMPORT_MAX_COLUMNS 16
/* A plan's diff: bit per column below, bit per custom field from here. */
#define CRM_IMPORT_CUSTOM_DIFF_SHIFT 16

/* One row as the target's column values. */
typedef struct
{
  char    *v[CRM_IMPORT_MAX_COLUMNS];
  guint32  provided;         /* columns the file gave (not composed) */
  char    *organization;     /* person target: affiliation */
  char    *title;
  char    *department;
  guint    reason;
  const CrmContactDraft *draft;   /* borrowed: custom field values */
} CrmImportValues;

/* Hashed keys of one row for the check against earlier rows: email,
 * phone, two name keys at the organization. */
#define CRM_IMPORT_MAX_KEYS 4

/* One row of the file, read and prepared off the worker (crm-import-rows.c). */
typedef struct
{
  CrmContactDraft *draft;       /* NULL when the reader rejected the row */
  guint            line;
  guint            reason;      /* the reader's reason to reject the row */
  CrmImportValues  values;      /* when draft is set */
  char            *sort_key;    /* of the name, when the values have no reason */
  GStrv            names;       /* a person's name keys, when at an organization */
  guint64          keys[CRM_IMPORT_MAX_KEYS];
  guint            n_keys;
} CrmImportItem;

typedef struct _CrmImportRows CrmImportRows;

CrmImportRows         *_crm_import_rows_open         (CrmImportJob     *job,
                                                      GPtrArray        *samples,
                                                      GCancellable     *cancellable,
                                                      GError          **error);
const CrmContactDraft *_crm_import_rows_get_first    (CrmImportRows    *self);
void                   _crm_import_rows_start        (CrmImportRows    *self,
                                                      CrmImportTarget   target,
                                                      const char       *region);
CrmImportItem         *_crm_import_rows_next         (CrmImportRows    *self,
                                                      GError          **error);
double                 _crm_import_rows_get_fraction (CrmImportRows    *self);
void                   _crm_import_rows_stop         (CrmImportRows    *self);
CrmCsvMapping         *_crm_import_rows_take_mapping (CrmImportRows    *self);
GPtrArray             *_crm_import_rows_take_skipped_cards (CrmImportRows *self);
void                   _crm_import_rows_free         (CrmImportRows    *self);
/* The sort key of @text, kept in *@cache when it costs (non-ASCII). */
char                  *_crm_import_sort_key          (GHashTable      **cache,
                                                      const char       *text);
/* A 64-bit hash of up to three strings; never 0. */
guint64                _crm_import_hash_key          (const char       *a,
                                                      const char       *b,
                                                      const char       *c);

guint64                _crm_import_rows_get_size     (CrmImportRows    *self);

/* A set of 64-bit keys with an id each (crm-import-keys.c). */
typedef struct _CrmImportKeys CrmImportKeys;

CrmImportKeys *_crm_import_keys_new    (gsize          n_expected);
void           _crm_import_keys_free   (CrmImportKeys *self);
gboolean       _crm_import_keys_add    (CrmImportKeys *self,
                                        guint64        key,
                                        gint64         id);
gint64         _crm_import_keys_lookup (CrmImportKeys *self,
                                        guint64        key);

/* Rows inserted many at a time (crm-import-pending.c). */
typedef struct _CrmImportPending CrmImportPending;

CrmImportPending *_crm_import_pending_new      (CrmStoreWorker    *worker,
                                                const char        *insert,
                                                guint              n_columns);
void              _crm_import_pending_free     (CrmImportPending  *self);
void              _crm_import_pending_add_int  (CrmImportPending  *self,
                                                gint64             number);
void              _crm_import_pending_add_text (CrmImportPending  *self,
                                                const char        *text);
gboolean          _crm_import_pending_is_full  (CrmImportPending  *self);
gboolean          _crm_import_pending_flush    (CrmImportPending  *self,
                                                gboolean           all,
                                                GError           **error);
/* One import_change row of @batch_id (@self made for them); @before NULL
 * for "{}".  Flushes once the statement is full. */
gboolean          _crm_import_pending_add_change (CrmImportPending *self,
                                                  gint64            batch_id,
                                                  const char       *kind,
                                                  gint64            id,
                                                  const char       *action,
                                                  const char       *before,
                                                  GError          **error);

/* The rows' tags as the records' tags (crm-import-tags.c). */
typedef struct _CrmImportTags CrmImportTags;

CrmImportTags *_crm_import_tags_new           (CrmStoreWorker    *worker,
                                               const char        *kind,
                                               gint64             now,
                                               gint64             batch_id,
                                               CrmImportPending  *changes);
void           _crm_import_tags_free          (CrmImportTags     *self);
gboolean       _crm_import_tags_flush         (CrmImportTags     *self,
                                               GError           **error);
gboolean       _crm_import_tags_add_new       (CrmImportTags     *self,
                                               gint64             record_id,
                                               GPtrArray         *names,
                                               GError           **error);
gboolean       _crm_import_tags_add_existing  (CrmImportTags     *self,
                                               gint64             record_id,
                                               GPtrArray         *names,
                                               gboolean          *added,
                                               GError           **error);
gboolean       _crm_import_tags_undo          (CrmStoreWorker    *worker,
                                               const char        *kind,
                                               gint64             id,
                                               gboolean           insert,
                                               const char        *before,
                                               GError           **error);
gboolean       _crm_import_tags_undo_created  (CrmStoreWorker    *worker,
                                               gint64             tag_id,
                                               GError           **error);
gboolean       _crm_import_tags_delete_record (CrmStoreWorker    *worker,
                                               const char        *kind,
                                               gint64             record_id,
                                               GError           **error);

void        _crm_import_values_clear  (CrmImportValues       *values);
/* "Given Family", or "FamilyGiven" for Han names; transfer full. */
char       *_crm_import_compose_name  (const char            *given,
                                       const char            *family);
void        _crm_import_person_values (const CrmContactDraft *draft,
                                       const char            *default_region,
                                       CrmImportValues                *values);
void        _crm_import_org_values    (const CrmContactDraft *draft,
                                       const char            *default_region,
                                       CrmImportValues                *values);

G_END_DECLS
