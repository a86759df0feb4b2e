/* crm-import-rows.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of CrmImport: the rows of the file, read and prepared on a thread of
 * their own while the store's worker classifies and writes the rows before
 * them.  Reading, mapping the columns, normalising the values and computing
 * the sort key and the keys of the duplicate check cost about a third of an
 * import; on a machine with two cores they no longer wait for the writes.
 *
 * Rows travel in batches: the reader fills a batch, hands it over, and
 * takes back one the worker is done with, so the memory of a row is
 * allocated and freed on the reader's thread and the worker never waits for
 * more than one batch.
 */

#define G_LOG_DOMAIN "CrmImport"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-csv.h"
#include "crm-dedupe.h"
#include "crm-email.h"
#include "crm-import-private.h"
#include "crm-search-fold.h"
#include "crm-vcard.h"

#define SAMPLE_ROWS 5
#define BATCH_ROWS 256
#define N_BATCHES 8
#define SORT_KEY_CACHE_SIZE 65536
/* Well under the length at which _crm_search_sort_key() cuts text. */
#define ASCII_KEY_BYTES 1024
/* Smaller files are read on the worker: a thread of its own would cost
 * more than it saves (and ICU's transliterators are made once per thread). */
#define THREAD_MIN_BYTES (512 * 1024)

typedef struct
{
  CrmImportItem  rows[BATCH_ROWS];
  guint         n_rows;
  double        fraction;     /* of the file read after its last row */
  gboolean      end;          /* the last batch: no more rows */
  GError       *error;        /* with end: why reading stopped early */
} Batch;

struct _CrmImportRows
{
  CrmImportJob    *job;          /* borrowed */
  GCancellable    *cancellable;  /* borrowed */
  CrmImportTarget  target;
  char            *region;

  /* The file: the reader's thread's while it runs. */
  CrmCsvReader    *csv;
  CrmCsvMapping   *mapping;
  CrmVcardReader  *vcard;
  guint64          size;
  GPtrArray       *samples;      /* borrowed, may be NULL */
  CrmContactDraft *first;        /* read before the thread starts */
  guint            first_line;
  guint            first_reason;
  gboolean         first_pending; /* the first row is still to hand over */
  GError          *first_error;
  GHashTable      *sort_keys;    /* text with non-ASCII → its sort key (bounded) */
  GHashTable      *org_keys;     /* organization name → its sort key (bounded) */

  GThread         *thread;
  GAsyncQueue     *full;         /* Batch*, reader → worker */
  GAsyncQueue     *empty;        /* Batch*, worker → reader */
  gint             stop;         /* atomic: the worker wants no more rows */
  Batch           *batch;        /* the worker's current batch */
  guint            next;         /* its next row */
  gboolean         done;         /* the last batch was taken */
};

/* --- the file --- */

static gboolean
open_file (CrmImportRows  *self,
           GError        **error)
{
  CrmImportJob *job = self->job;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (job->path);
  g_autoptr(GFileInfo) info = NULL;
  const CrmCsvRow *header;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, self->cancellable,
                            &local_error);
  if (info == NULL)
    goto unreadable;
  self->size = g_file_info_get_size (info);
  if (self->size == 0)
    {
      g_set_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_UNREADABLE,
                   _("“%s” is empty."), job->file_name);
      return FALSE;
    }

  if (job->format == CRM_IMPORT_FORMAT_VCARD)
    {
      self->vcard = crm_vcard_reader_new_for_path (job->path, &local_error);
      if (self->vcard == NULL)
        goto unreadable;
      return TRUE;
    }

  self->csv = crm_csv_reader_new_for_path (job->path, &local_error);
  if (self->csv == NULL || !crm_csv_reader_prepare (self->csv, self->cancellable, &local_error))
    goto unreadable;
  header = crm_csv_reader_read_row (self->csv, self->cancellable, &local_error);
  if (header == NULL && local_error == NULL)
    {
      g_set_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_UNREADABLE,
                   _("“%s” holds no rows."), job->file_name);
      return FALSE;
    }
  if (header == NULL)
    goto unreadable;
  if (job->mapping != NULL && job->mapping->n_columns == header->n_fields)
    self->mapping = crm_csv_mapping_copy (job->mapping);
  else
    self->mapping = crm_csv_mapping_new (header->fields, header->n_fields);
  /* A preview with no column mapped is fine: the mapping page is for that. */
  if (crm_csv_mapping_count_mapped (self->mapping) == 0 && job->write)
    {
      g_set_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_UNREADABLE,
                   _("No column of “%s” is a contact field: the first row must name the columns."),
                   job->file_name);
      return FALSE;
    }
  return TRUE;

unreadable:
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_set_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_UNREADABLE,
               _("Cannot read “%s”: %s"), job->file_name,
               local_error != NULL ? local_error->message : _("unknown error"));
  return FALSE;
}

static guint
csv_problem_reason (CrmCsvRowProblem problem)
{
  switch (problem)
    {
    case CRM_CSV_ROW_OK:
    case CRM_CSV_ROW_TOO_FEW_FIELDS:
      return R_NONE;
    case CRM_CSV_ROW_INVALID_BYTES:
      return R_BAD_ENCODING;
    case CRM_CSV_ROW_FIELD_TOO_LARGE:
      return R_TOO_LONG;
    case CRM_CSV_ROW_TOO_MANY_FIELDS:
    case CRM_CSV_ROW_UNTERMINATED_QUOTE:
    default:
      return R_MALFORMED_ROW;
    }
}

/* The next row: TRUE with *draft (transfer full) or *reason set; FALSE at the
 * end (or with @error). */
static gboolean
read_next (CrmImportRows    *self,
           CrmContactDraft **draft,
           guint            *line,
           guint            *reason,
           GError          **error)
{
  const CrmCsvRow *row;

  *draft = NULL;
  *reason = R_NONE;
  if (self->vcard != NULL)
    {
      *draft = crm_vcard_reader_next (self->vcard, self->cancellable, error);
      if (*draft == NULL)
        return FALSE;
      *line = (*draft)->line;
      return TRUE;
    }

  row = crm_csv_reader_read_row (self->csv, self->cancellable, error);
  if (row == NULL)
    return FALSE;
  *line = row->line;
  *reason = csv_problem_reason (row->problem);
  if (self->samples != NULL && self->samples->len < SAMPLE_ROWS)
    g_ptr_array_add (self->samples, g_strdupv ((char **) row->fields));
  if (*reason == R_NONE)
    *draft = crm_csv_mapping_apply (self->mapping, row->fields, row->n_fields, row->line);
  return TRUE;
}

static double
read_fraction (CrmImportRows *self)
{
  guint64 read = self->csv != NULL ? crm_csv_reader_get_bytes_read (self->csv)
                                   : crm_vcard_reader_get_bytes_read (self->vcard);

  return self->size > 0 ? (double) read / self->size : 0.0;
}

/* --- preparing a row --- */

/* _crm_search_sort_key() spells Han in pinyin through ICU, which costs more
 * than the rest of a row; names repeat, so keys of non-ASCII text are kept
 * (up to a limit: the cache starts over when full).  For short ASCII text
 * the key is the text in lower case (composing and case folding change
 * nothing else in ASCII), made without the Unicode tables.  transfer none:
 * valid until the next call. */
static const char *
cached_sort_key (GHashTable **cache,
                 const char  *text,
                 char       **owned)
{
  const char *cached;
  char *key;
  const char *p;

  for (p = text; *p != '\0' && (guchar) *p < 0x80; p++)
    ;
  if (*p == '\0' && p - text <= ASCII_KEY_BYTES)
    return *owned = g_ascii_strdown (text, p - text);
  if (*cache == NULL)
    *cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  cached = g_hash_table_lookup (*cache, text);
  if (cached != NULL)
    return cached;
  if (g_hash_table_size (*cache) >= SORT_KEY_CACHE_SIZE)
    g_hash_table_remove_all (*cache);
  key = _crm_search_sort_key (text);
  g_hash_table_insert (*cache, g_strdup (text), key);
  return key;
}

char *
_crm_import_sort_key (GHashTable **cache,
                      const char  *text)
{
  char *owned = NULL;
  const char *key = cached_sort_key (cache, text, &owned);

  return owned != NULL ? owned : g_strdup (key);
}

guint64
_crm_import_hash_key (const char *a,
                      const char *b,
                      const char *c)
{
  guint64 h = 0xcbf29ce484222325ull;
  const char *parts[] = { a, b, c };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      for (const char *p = parts[i]; p != NULL && *p != '\0'; p++)
        h = (h ^ (guchar) *p) * 0x100000001b3ull;
      h = (h ^ 0x1f) * 0x100000001b3ull;
    }
  /* 0 is "no key". */
  return h != 0 ? h : 1;
}

/* The folded name of an organization; names repeat row after row, so all
 * are kept (a bounded cache).  transfer none. */
static const char *
org_key (CrmImportRows *self,
         const char    *name)
{
  char *key;

  if (self->org_keys == NULL)
    self->org_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  key = g_hash_table_lookup (self->org_keys, name);
  if (key != NULL)
    return key;
  if (g_hash_table_size (self->org_keys) >= SORT_KEY_CACHE_SIZE)
    g_hash_table_remove_all (self->org_keys);
  key = _crm_import_sort_key (&self->sort_keys, name);
  g_hash_table_insert (self->org_keys, g_strdup (name), key);
  return key;
}

/* The keys of the check against earlier rows of the file (email, phone
 * and name at the organization for people; the folded name for
 * organizations), and a person's name keys for the database lookup. */
static void
prepare_keys (CrmImportRows *self,
              CrmImportItem  *row)
{
  CrmImportValues *values = &row->values;
  const char *org;

  if (self->target == CRM_IMPORT_TARGET_ORGANIZATION)
    {
      row->keys[row->n_keys++] = _crm_import_hash_key ("o", row->sort_key, NULL);
      return;
    }
  if (values->v[P_EMAIL][0] != '\0')
    {
      g_autofree char *key = crm_email_dup_key (values->v[P_EMAIL]);

      if (key != NULL)
        row->keys[row->n_keys++] = _crm_import_hash_key ("e", key, NULL);
    }
  if (values->v[P_PHONE][0] != '\0')
    row->keys[row->n_keys++] = _crm_import_hash_key ("p", values->v[P_PHONE], NULL);
  if (values->organization[0] == '\0')
    return;
  org = org_key (self, values->organization);
  row->names = crm_dedupe_dup_name_keys (values->v[P_GIVEN], values->v[P_FAMILY],
                                         values->v[P_DISPLAY]);
  for (guint i = 0; row->names[i] != NULL && row->n_keys < CRM_IMPORT_MAX_KEYS; i++)
    row->keys[row->n_keys++] = _crm_import_hash_key ("n", org, row->names[i]);
}

/* The values of a row read without a problem; the sort key of its name and
 * its keys when the values have none either. */
static void
prepare (CrmImportRows *self,
         CrmImportItem  *row)
{
  if (row->draft == NULL)
    return;
  if (self->target == CRM_IMPORT_TARGET_ORGANIZATION)
    _crm_import_org_values (row->draft, self->region, &row->values);
  else
    _crm_import_person_values (row->draft, self->region, &row->values);
  row->values.draft = row->draft;
  if (row->values.reason != R_NONE)
    return;
  row->sort_key = _crm_import_sort_key (&self->sort_keys,
                                        row->values.v[self->target == CRM_IMPORT_TARGET_ORGANIZATION
                                                        ? O_NAME : P_DISPLAY]);
  prepare_keys (self, row);
}

static void
row_clear (CrmImportItem *row)
{
  _crm_import_values_clear (&row->values);
  g_clear_pointer (&row->draft, crm_contact_draft_free);
  g_clear_pointer (&row->sort_key, g_free);
  g_clear_pointer (&row->names, g_strfreev);
  row->n_keys = 0;
  row->line = 0;
  row->reason = R_NONE;
}

static void
batch_free (Batch *batch)
{
  for (guint i = 0; i < batch->n_rows; i++)
    row_clear (&batch->rows[i]);
  g_clear_error (&batch->error);
  g_free (batch);
}

/* --- the reader's thread --- */

static gpointer
reader_thread (gpointer data)
{
  CrmImportRows *self = data;
  GError *error = NULL;
  gboolean end = FALSE;

  while (!end)
    {
      Batch *batch = g_async_queue_pop (self->empty);

      for (guint i = 0; i < batch->n_rows; i++)
        row_clear (&batch->rows[i]);
      batch->n_rows = 0;
      while (batch->n_rows < BATCH_ROWS && !end)
        {
          CrmImportItem *row = &batch->rows[batch->n_rows];

          if (g_atomic_int_get (&self->stop))
            end = TRUE;
          else if (self->first_pending)
            {
              row->draft = g_steal_pointer (&self->first);
              row->line = self->first_line;
              row->reason = self->first_reason;
              self->first_pending = FALSE;
            }
          else if (self->first_line == 0)
            {
              /* There was no first row. */
              error = g_steal_pointer (&self->first_error);
              end = TRUE;
            }
          else if (!read_next (self, &row->draft, &row->line, &row->reason, &error))
            end = TRUE;
          if (end)
            break;
          prepare (self, row);
          batch->n_rows++;
        }
      batch->fraction = read_fraction (self);
      batch->end = end;
      batch->error = g_steal_pointer (&error);
      g_async_queue_push (self->full, batch);
    }
  return NULL;
}

/* --- the worker's side --- */

CrmImportRows *
_crm_import_rows_open (CrmImportJob  *job,
                       GPtrArray     *samples,
                       GCancellable  *cancellable,
                       GError       **error)
{
  CrmImportRows *self = g_new0 (CrmImportRows, 1);

  self->job = job;
  self->cancellable = cancellable;
  self->samples = samples;
  if (!open_file (self, error))
    {
      _crm_import_rows_free (self);
      return NULL;
    }
  /* The first row decides the target of a vCard file. */
  self->first_pending = read_next (self, &self->first, &self->first_line, &self->first_reason,
                                   &self->first_error);
  if (!self->first_pending)
    self->first_line = 0;
  return self;
}

const CrmContactDraft *
_crm_import_rows_get_first (CrmImportRows *self)
{
  return self->first;
}

void
_crm_import_rows_start (CrmImportRows   *self,
                        CrmImportTarget  target,
                        const char      *region)
{
  g_return_if_fail (self->thread == NULL);

  self->target = target;
  self->region = g_strdup (region);
  if (self->size < THREAD_MIN_BYTES)
    return;
  self->full = g_async_queue_new ();
  self->empty = g_async_queue_new ();
  for (guint i = 0; i < N_BATCHES; i++)
    g_async_queue_push (self->empty, g_new0 (Batch, 1));
  self->thread = g_thread_new ("rapport-import", reader_thread, self);
}

/* The next row, prepared (transfer none: valid until the next call); NULL
 * at the end of the file or with @error (reading failed, or cancelled). */
/* Without a thread: one row at a time, in a batch of one. */
static CrmImportItem *
next_here (CrmImportRows  *self,
           GError        **error)
{
  CrmImportItem *row;

  if (self->batch == NULL)
    self->batch = g_new0 (Batch, 1);
  row = &self->batch->rows[0];
  if (self->batch->n_rows > 0)
    row_clear (row);
  self->batch->n_rows = 0;
  if (self->done)
    return NULL;
  if (self->first_pending)
    {
      row->draft = g_steal_pointer (&self->first);
      row->line = self->first_line;
      row->reason = self->first_reason;
      self->first_pending = FALSE;
    }
  else if (self->first_line == 0 ||
           !read_next (self, &row->draft, &row->line, &row->reason, error))
    {
      if (self->first_line == 0 && self->first_error != NULL)
        g_propagate_error (error, g_steal_pointer (&self->first_error));
      self->done = TRUE;
      return NULL;
    }
  prepare (self, row);
  self->batch->n_rows = 1;
  self->batch->fraction = read_fraction (self);
  return row;
}

CrmImportItem *
_crm_import_rows_next (CrmImportRows  *self,
                       GError        **error)
{
  if (self->full == NULL)
    return next_here (self, error);
  while (self->batch == NULL || self->next >= self->batch->n_rows)
    {
      if (self->batch != NULL)
        {
          gboolean end = self->batch->end;

          if (end && self->batch->error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&self->batch->error));
              self->done = TRUE;
            }
          if (end)
            {
              self->done = TRUE;
              return NULL;
            }
          g_async_queue_push (self->empty, g_steal_pointer (&self->batch));
        }
      if (self->done)
        return NULL;
      self->batch = g_async_queue_pop (self->full);
      self->next = 0;
    }
  return &self->batch->rows[self->next++];
}

guint64
_crm_import_rows_get_size (CrmImportRows *self)
{
  return self->size;
}

double
_crm_import_rows_get_fraction (CrmImportRows *self)
{
  return self->batch != NULL ? self->batch->fraction : 0.0;
}

/* Stops the reader (at the end of the file, or early) and keeps what the
 * job reports: the mapping, the cards the vCard reader skipped.  Then only
 * _crm_import_rows_free() is left to call. */
void
_crm_import_rows_stop (CrmImportRows *self)
{
  if (self->thread == NULL)
    return;
  g_atomic_int_set (&self->stop, 1);
  if (self->batch != NULL && self->batch->end)
    self->done = TRUE;
  if (self->batch != NULL && !self->done)
    g_async_queue_push (self->empty, g_steal_pointer (&self->batch));
  /* Hand back what the reader sends until it sends its last batch. */
  while (!self->done)
    {
      Batch *batch = g_async_queue_pop (self->full);

      self->done = batch->end;
      if (self->done)
        self->batch = batch;
      else
        g_async_queue_push (self->empty, batch);
    }
  g_thread_join (g_steal_pointer (&self->thread));
}

CrmCsvMapping *
_crm_import_rows_take_mapping (CrmImportRows *self)
{
  g_return_val_if_fail (self->thread == NULL, NULL);

  return g_steal_pointer (&self->mapping);
}

GPtrArray *
_crm_import_rows_take_skipped_cards (CrmImportRows *self)
{
  g_return_val_if_fail (self->thread == NULL, NULL);

  return self->vcard != NULL ? crm_vcard_reader_take_rejections (self->vcard) : NULL;
}

void
_crm_import_rows_free (CrmImportRows *self)
{
  Batch *batch;

  _crm_import_rows_stop (self);
  if (self->batch != NULL)
    batch_free (self->batch);
  if (self->empty != NULL)
    {
      while ((batch = g_async_queue_try_pop (self->empty)) != NULL)
        batch_free (batch);
      g_async_queue_unref (self->empty);
    }
  if (self->full != NULL)
    {
      while ((batch = g_async_queue_try_pop (self->full)) != NULL)
        batch_free (batch);
      g_async_queue_unref (self->full);
    }
  g_clear_pointer (&self->first, crm_contact_draft_free);
  g_clear_error (&self->first_error);
  g_clear_pointer (&self->sort_keys, g_hash_table_unref);
  g_clear_pointer (&self->org_keys, g_hash_table_unref);
  g_clear_pointer (&self->csv, crm_csv_reader_free);
  g_clear_pointer (&self->vcard, crm_vcard_reader_free);
  g_clear_pointer (&self->mapping, crm_csv_mapping_free);
  g_free (self->region);
  g_free (self);
}
