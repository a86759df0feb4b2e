/* crm-import.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CrmImport on the main thread: the file, the mapping, the decisions, the
 * preview (a GListModel over the plans the read job returned, whose items
 * are made on demand) and the async entry points.  The jobs are in
 * crm-import-worker.c.
 */

#define G_LOG_DOMAIN "CrmImport"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-import-private.h"

struct _CrmImport
{
  GObject          parent_instance;

  CrmStore        *store;
  GFile           *file;
  CrmImportFormat  format;
  CrmImportTarget  target;
  gboolean         target_set;
  CrmCsvMapping   *mapping;
  GPtrArray       *samples;
  GArray          *plans;         /* CrmImportPlan */
  GArray          *rejections;    /* CrmImportRejection */
  GStrv            custom_labels; /* of the last read */
  guint            counts[CRM_IMPORT_N_STATUSES];
  CrmImportDecision decisions[CRM_IMPORT_N_STATUSES];
  guint            n_imported;
  guint            n_updated;
  guint            n_skipped;
  double           fraction;
  gboolean         busy;
};

struct _CrmImportRow
{
  GObject    parent_instance;
  CrmImport *import;
  GArray    *plans;    /* a ref: the preview this row belongs to */
  guint      index;
};

enum { PROP_0, PROP_FRACTION, PROP_TARGET, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { ROW_PROP_0, ROW_PROP_DECISION, ROW_N_PROPS };
static GParamSpec *row_properties[ROW_N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE (CrmImportRow, crm_import_row, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE_WITH_CODE (CrmImport, crm_import, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

G_DEFINE_QUARK (crm-import-error-quark, crm_import_error)

/* --- labels --- */

const char *
crm_import_status_to_string (CrmImportStatus status)
{
  static const char *names[] = { "new", "match", "conflict", "duplicate", "rejected" };

  g_return_val_if_fail (status < CRM_IMPORT_N_STATUSES, NULL);
  return names[status];
}

const char *
crm_import_status_get_label (CrmImportStatus status)
{
  switch (status)
    {
    case CRM_IMPORT_STATUS_NEW:
      return C_("import status", "New");
    case CRM_IMPORT_STATUS_MATCH:
      return C_("import status", "Already there");
    case CRM_IMPORT_STATUS_CONFLICT:
      return C_("import status", "Conflicting");
    case CRM_IMPORT_STATUS_DUPLICATE:
      return C_("import status", "Repeated in the file");
    case CRM_IMPORT_STATUS_REJECTED:
      return C_("import status", "Rejected");
    case CRM_IMPORT_N_STATUSES:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
crm_import_reason_get_label (const char *reason)
{
  static const struct { const char *key; const char *label; } labels[] = {
    { "invalid-email", N_("The email address is not valid.") },
    { "invalid-phone", N_("The phone number is not valid.") },
    { "no-name", N_("There is no name.") },
    { "bad-encoding", N_("The row holds bytes that are not text in the file’s encoding.") },
    { "too-long", N_("A field is too long.") },
    { "malformed-row", N_("The row is malformed (an unclosed quote or too many fields).") },
    { "malformed-card", N_("The contact card is malformed.") },
    { "invalid-value", N_("A custom field’s value is not valid for its type.") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (reason, labels[i].key) == 0)
      return _(labels[i].label);
  return reason;
}

const char *
crm_import_column_get_label (const char *column)
{
  static const struct { const char *key; const char *label; } labels[] = {
    { "given_name", N_("Given name") }, { "family_name", N_("Family name") },
    { "display_name", N_("Display name") }, { "email", N_("Email") },
    { "phone", N_("Phone") }, { "birth_date", N_("Birth date") },
    { "gender", N_("Gender") }, { "language", N_("Language") }, { "city", N_("City") },
    { "region", N_("Region") }, { "country", N_("Country") }, { "address", N_("Address") },
    { "notes", N_("Notes") }, { "name", N_("Name") }, { "industry", N_("Industry") },
    { "size_band", N_("Size") }, { "website", N_("Website") }, { "tier", N_("Tier") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (column, labels[i].key) == 0)
      return _(labels[i].label);
  return column;
}

/* --- rows --- */

static CrmImportPlan *
row_plan (CrmImportRow *self)
{
  return &g_array_index (self->plans, CrmImportPlan, self->index);
}

static void
crm_import_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrmImportRow *self = CRM_IMPORT_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_DECISION:
      g_value_set_int (value, crm_import_row_get_decision (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_import_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CrmImportRow *self = CRM_IMPORT_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_DECISION:
      crm_import_row_set_decision (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_import_row_finalize (GObject *object)
{
  CrmImportRow *self = CRM_IMPORT_ROW (object);

  g_clear_object (&self->import);
  g_clear_pointer (&self->plans, g_array_unref);
  G_OBJECT_CLASS (crm_import_row_parent_class)->finalize (object);
}

static void
crm_import_row_class_init (CrmImportRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_import_row_finalize;
  object_class->get_property = crm_import_row_get_property;
  object_class->set_property = crm_import_row_set_property;

  /**
   * CrmImportRow:decision:
   *
   * What the import does with this row (a #CrmImportDecision).
   */
  row_properties[ROW_PROP_DECISION] =
    g_param_spec_int ("decision", NULL, NULL, CRM_IMPORT_DECISION_SKIP,
                      CRM_IMPORT_DECISION_CREATE, CRM_IMPORT_DECISION_SKIP,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);
}

static void
crm_import_row_init (CrmImportRow *self)
{
}

guint
crm_import_row_get_line (CrmImportRow *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT_ROW (self), 0);
  return row_plan (self)->line;
}

CrmImportStatus
crm_import_row_get_status (CrmImportRow *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT_ROW (self), CRM_IMPORT_STATUS_REJECTED);
  return row_plan (self)->status;
}

const char *
crm_import_row_get_reason (CrmImportRow *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT_ROW (self), NULL);
  return _crm_import_reason_key (row_plan (self)->reason);
}

gint64
crm_import_row_get_matched_id (CrmImportRow *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT_ROW (self), 0);
  return row_plan (self)->matched_id;
}

GStrv
crm_import_row_get_differing (CrmImportRow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *columns;
  guint32 diff;

  g_return_val_if_fail (CRM_IS_IMPORT_ROW (self), NULL);
  columns = _crm_import_target_columns (self->import->target);
  diff = row_plan (self)->diff;
  for (guint i = 0; columns[i] != NULL; i++)
    if (diff & (1u << i))
      g_strv_builder_add (builder, columns[i]);
  /* Custom fields by their labels (crm_import_column_get_label() keeps them). */
  for (guint i = 0; self->import->custom_labels != NULL && self->import->custom_labels[i] != NULL &&
                    i + CRM_IMPORT_CUSTOM_DIFF_SHIFT < 32; i++)
    if (diff & (1u << (i + CRM_IMPORT_CUSTOM_DIFF_SHIFT)))
      g_strv_builder_add (builder, self->import->custom_labels[i]);
  return g_strv_builder_end (builder);
}

const char *
crm_import_row_get_title (CrmImportRow *self)
{
  const char *summary;

  g_return_val_if_fail (CRM_IS_IMPORT_ROW (self), NULL);
  summary = row_plan (self)->summary;
  if (summary == NULL)
    return "";
  /* The title is the part before the separator: the summary holds it as
   * "title\037subtitle", so hand out a copy kept on the row. */
  if (g_object_get_data (G_OBJECT (self), "title") == NULL)
    g_object_set_data_full (G_OBJECT (self), "title",
                            g_strndup (summary, strcspn (summary, "\037")), g_free);
  return g_object_get_data (G_OBJECT (self), "title");
}

const char *
crm_import_row_get_subtitle (CrmImportRow *self)
{
  const char *summary, *sep;

  g_return_val_if_fail (CRM_IS_IMPORT_ROW (self), NULL);
  summary = row_plan (self)->summary;
  sep = summary != NULL ? strchr (summary, '\037') : NULL;
  return sep != NULL ? sep + 1 : "";
}

CrmImportDecision
crm_import_row_get_decision (CrmImportRow *self)
{
  CrmImportPlan *plan;

  g_return_val_if_fail (CRM_IS_IMPORT_ROW (self), CRM_IMPORT_DECISION_SKIP);
  plan = row_plan (self);
  if (plan->status == CRM_IMPORT_STATUS_REJECTED)
    return CRM_IMPORT_DECISION_SKIP;
  if (plan->decision >= 0)
    return (CrmImportDecision) plan->decision;
  return self->import->decisions[plan->status];
}

void
crm_import_row_set_decision (CrmImportRow      *self,
                             CrmImportDecision  decision)
{
  CrmImportPlan *plan;

  g_return_if_fail (CRM_IS_IMPORT_ROW (self));
  g_return_if_fail (decision <= CRM_IMPORT_DECISION_CREATE);

  plan = row_plan (self);
  if (plan->status == CRM_IMPORT_STATUS_REJECTED || crm_import_row_get_decision (self) == decision)
    return;
  plan->decision = decision;
  g_object_notify_by_pspec (G_OBJECT (self), row_properties[ROW_PROP_DECISION]);
}

/* --- list model --- */

static GType
crm_import_get_item_type (GListModel *model)
{
  return CRM_TYPE_IMPORT_ROW;
}

static guint
crm_import_get_n_items (GListModel *model)
{
  CrmImport *self = CRM_IMPORT (model);

  return self->plans != NULL ? self->plans->len : 0;
}

static gpointer
crm_import_get_item (GListModel *model,
                     guint       position)
{
  CrmImport *self = CRM_IMPORT (model);
  CrmImportRow *row;

  if (self->plans == NULL || position >= self->plans->len)
    return NULL;
  row = g_object_new (CRM_TYPE_IMPORT_ROW, NULL);
  row->import = g_object_ref (self);
  row->plans = g_array_ref (self->plans);
  row->index = position;
  return row;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_import_get_item_type;
  iface->get_n_items = crm_import_get_n_items;
  iface->get_item = crm_import_get_item;
}

/* --- object --- */

static void
crm_import_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CrmImport *self = CRM_IMPORT (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_TARGET:
      g_value_set_int (value, self->target);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_import_finalize (GObject *object)
{
  CrmImport *self = CRM_IMPORT (object);

  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_pointer (&self->mapping, crm_csv_mapping_free);
  g_clear_pointer (&self->samples, g_ptr_array_unref);
  g_clear_pointer (&self->plans, g_array_unref);
  g_clear_pointer (&self->rejections, g_array_unref);
  g_clear_pointer (&self->custom_labels, g_strfreev);
  G_OBJECT_CLASS (crm_import_parent_class)->finalize (object);
}

static void
crm_import_class_init (CrmImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_import_finalize;
  object_class->get_property = crm_import_get_property;

  /**
   * CrmImport:fraction:
   *
   * How far the current read or run is, 0 to 1.
   */
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * CrmImport:target:
   *
   * What the rows become (a #CrmImportTarget).
   */
  properties[PROP_TARGET] =
    g_param_spec_int ("target", NULL, NULL, CRM_IMPORT_TARGET_PERSON,
                      CRM_IMPORT_TARGET_ORGANIZATION, CRM_IMPORT_TARGET_PERSON,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_import_init (CrmImport *self)
{
  self->decisions[CRM_IMPORT_STATUS_NEW] = CRM_IMPORT_DECISION_CREATE;
  self->decisions[CRM_IMPORT_STATUS_MATCH] = CRM_IMPORT_DECISION_SKIP;
  self->decisions[CRM_IMPORT_STATUS_CONFLICT] = CRM_IMPORT_DECISION_SKIP;
  self->decisions[CRM_IMPORT_STATUS_DUPLICATE] = CRM_IMPORT_DECISION_SKIP;
  self->decisions[CRM_IMPORT_STATUS_REJECTED] = CRM_IMPORT_DECISION_SKIP;
}

void
_crm_import_set_fraction (CrmImport *self,
                          double     fraction)
{
  if (!self->busy || fraction == self->fraction)
    return;
  self->fraction = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

static CrmImportFormat
guess_format (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GFileInputStream) stream = NULL;
  char head[512];
  gssize n;

  if (name != NULL && (g_str_has_suffix (name, ".vcf") || g_str_has_suffix (name, ".VCF") ||
                       g_str_has_suffix (name, ".vcard")))
    return CRM_IMPORT_FORMAT_VCARD;
  if (name != NULL && (g_str_has_suffix (name, ".csv") || g_str_has_suffix (name, ".CSV") ||
                       g_str_has_suffix (name, ".tsv")))
    return CRM_IMPORT_FORMAT_CSV;

  /* Neither: look at the first bytes (a small local read, once). */
  stream = g_file_read (file, NULL, NULL);
  n = stream != NULL ? g_input_stream_read (G_INPUT_STREAM (stream), head, sizeof head - 1,
                                            NULL, NULL) : -1;
  if (n > 0)
    {
      const char *p = head;

      head[n] = '\0';
      if (n >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
      while (*p == ' ' || *p == '\r' || *p == '\n' || *p == '\t')
        p++;
      if (g_ascii_strncasecmp (p, "BEGIN:VCARD", 11) == 0)
        return CRM_IMPORT_FORMAT_VCARD;
    }
  return CRM_IMPORT_FORMAT_CSV;
}

/* --- public API --- */

CrmImport *
crm_import_new (CrmStore *store,
                GFile    *file)
{
  CrmImport *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (CRM_TYPE_IMPORT, NULL);
  self->store = g_object_ref (store);
  self->file = g_object_ref (file);
  self->format = guess_format (file);
  return self;
}

GFile *
crm_import_get_file (CrmImport *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT (self), NULL);
  return self->file;
}

CrmImportFormat
crm_import_get_format (CrmImport *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT (self), CRM_IMPORT_FORMAT_CSV);
  return self->format;
}

CrmImportTarget
crm_import_get_target (CrmImport *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT (self), CRM_IMPORT_TARGET_PERSON);
  return self->target;
}

void
crm_import_set_target (CrmImport       *self,
                       CrmImportTarget  target)
{
  g_return_if_fail (CRM_IS_IMPORT (self));

  self->target_set = TRUE;
  if (self->target == target)
    return;
  self->target = target;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET]);
}

static CrmImportJob *
make_job (CrmImport *self,
          gboolean   write)
{
  CrmImportJob *job = g_new0 (CrmImportJob, 1);

  job->path = g_file_get_path (self->file);
  job->file_name = g_file_get_basename (self->file);
  job->format = self->format;
  job->target = self->target;
  job->target_set = self->target_set;
  job->mapping = self->mapping != NULL ? crm_csv_mapping_copy (self->mapping) : NULL;
  for (guint i = 0; i < CRM_IMPORT_N_STATUSES; i++)
    job->decisions[i] = self->decisions[i];
  job->write = write;
  job->progress = g_atomic_rc_box_new0 (CrmImportProgress);
  g_weak_ref_init (&job->progress->import, self);
  job->progress->context = g_main_context_ref_thread_default ();
  return job;
}

static void
start (CrmImport *self)
{
  self->busy = TRUE;
  self->fraction = 0.0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CrmImport *self = g_task_get_source_object (task);
  CrmImportJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  guint old_n = self->plans != NULL ? self->plans->len : 0;
  guint new_n;

  self->busy = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_clear_pointer (&self->plans, g_array_unref);
  self->plans = g_steal_pointer (&job->out_plans);
  new_n = self->plans->len;
  if (job->out_mapping != NULL)
    {
      g_clear_pointer (&self->mapping, crm_csv_mapping_free);
      self->mapping = g_steal_pointer (&job->out_mapping);
    }
  g_clear_pointer (&self->samples, g_ptr_array_unref);
  self->samples = g_steal_pointer (&job->samples);
  g_clear_pointer (&self->rejections, g_array_unref);
  self->rejections = g_steal_pointer (&job->rejections);
  memcpy (self->counts, job->counts, sizeof self->counts);
  g_clear_pointer (&self->custom_labels, g_strfreev);
  self->custom_labels = g_steal_pointer (&job->out_custom_labels);
  if (self->target != job->out_target)
    {
      self->target = job->out_target;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET]);
    }
  self->fraction = 1.0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
  g_task_return_boolean (task, TRUE);
}

void
crm_import_read_async (CrmImport           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task;
  CrmImportJob *job;

  g_return_if_fail (CRM_IS_IMPORT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_import_read_async);
  job = make_job (self, FALSE);
  start (self);
  _crm_store_run_async (self->store, _crm_import_read_job, job, _crm_import_job_free,
                        crm_import_read_async, "crm-import-read", cancellable, read_done_cb,
                        task);
}

gboolean
crm_import_read_finish (CrmImport     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (CRM_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

GListModel *
crm_import_get_rows (CrmImport *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT (self), NULL);
  return G_LIST_MODEL (self);
}

guint
crm_import_get_count (CrmImport       *self,
                      CrmImportStatus  status)
{
  g_return_val_if_fail (CRM_IS_IMPORT (self), 0);
  g_return_val_if_fail (status < CRM_IMPORT_N_STATUSES, 0);
  return self->counts[status];
}

const CrmCsvMapping *
crm_import_get_mapping (CrmImport *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT (self), NULL);
  return self->format == CRM_IMPORT_FORMAT_CSV ? self->mapping : NULL;
}

GStrv
crm_import_dup_samples (CrmImport *self,
                        guint      column,
                        guint      max_samples)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  g_return_val_if_fail (CRM_IS_IMPORT (self), NULL);
  for (guint i = 0; self->samples != NULL && i < self->samples->len && n < max_samples; i++)
    {
      char **fields = self->samples->pdata[i];

      if (column < g_strv_length (fields) && fields[column][0] != '\0')
        {
          g_strv_builder_add (builder, fields[column]);
          n++;
        }
    }
  return g_strv_builder_end (builder);
}

gboolean
crm_import_set_mapping (CrmImport  *self,
                        guint       column,
                        const char *key)
{
  g_return_val_if_fail (CRM_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (self->mapping != NULL, FALSE);
  g_return_val_if_fail (column < self->mapping->n_columns, FALSE);

  return crm_csv_mapping_set_key (self->mapping, column, key);
}

void
crm_import_set_decision (CrmImport         *self,
                         CrmImportStatus    status,
                         CrmImportDecision  decision)
{
  g_return_if_fail (CRM_IS_IMPORT (self));
  g_return_if_fail (status < CRM_IMPORT_N_STATUSES);
  g_return_if_fail (decision <= CRM_IMPORT_DECISION_CREATE);

  if (status == CRM_IMPORT_STATUS_REJECTED)
    return;
  self->decisions[status] = decision;
  /* A status's decision replaces what rows of that status chose. */
  for (guint i = 0; self->plans != NULL && i < self->plans->len; i++)
    {
      CrmImportPlan *plan = &g_array_index (self->plans, CrmImportPlan, i);

      if (plan->status == status)
        plan->decision = -1;
    }
}

CrmImportDecision
crm_import_get_decision (CrmImport       *self,
                         CrmImportStatus  status)
{
  g_return_val_if_fail (CRM_IS_IMPORT (self), CRM_IMPORT_DECISION_SKIP);
  g_return_val_if_fail (status < CRM_IMPORT_N_STATUSES, CRM_IMPORT_DECISION_SKIP);
  return self->decisions[status];
}

double
crm_import_get_fraction (CrmImport *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT (self), 0.0);
  return self->fraction;
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CrmImport *self = g_task_get_source_object (task);
  CrmImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autofree gint64 *batch_id = NULL;
  GError *error = NULL;

  self->busy = FALSE;
  batch_id = g_task_propagate_pointer (G_TASK (result), &error);
  if (batch_id == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  self->n_imported = job->n_imported;
  self->n_updated = job->n_updated;
  self->n_skipped = job->n_skipped;
  g_clear_pointer (&self->rejections, g_array_unref);
  self->rejections = g_steal_pointer (&job->rejections);
  if (self->plans == NULL)
    memcpy (self->counts, job->counts, sizeof self->counts);
  if (self->target != job->out_target)
    {
      self->target = job->out_target;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET]);
    }
  self->fraction = 1.0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  g_task_return_int (task, *batch_id);
}

void
crm_import_run_async (CrmImport           *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;
  CrmImportJob *job;

  g_return_if_fail (CRM_IS_IMPORT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_import_run_async);
  job = make_job (self, TRUE);
  if (self->plans != NULL)
    {
      /* Replay the preview: its target, and its rows' own decisions. */
      job->plans = g_array_ref (self->plans);
      job->target_set = TRUE;
    }
  start (self);
  _crm_store_run_async (self->store, _crm_import_read_job, job, _crm_import_job_free,
                        crm_import_run_async, "crm-import-run", cancellable, run_done_cb, task);
}

gint64
crm_import_run_finish (CrmImport     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  gssize batch_id;

  g_return_val_if_fail (CRM_IS_IMPORT (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  batch_id = g_task_propagate_int (G_TASK (result), error);
  return batch_id > 0 ? batch_id : 0;
}

guint
crm_import_get_n_imported (CrmImport *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT (self), 0);
  return self->n_imported;
}

guint
crm_import_get_n_updated (CrmImport *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT (self), 0);
  return self->n_updated;
}

guint
crm_import_get_n_skipped (CrmImport *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT (self), 0);
  return self->n_skipped;
}

const CrmImportRejection *
crm_import_get_rejections (CrmImport *self,
                           guint     *n_rejections)
{
  g_return_val_if_fail (CRM_IS_IMPORT (self), NULL);
  g_return_val_if_fail (n_rejections != NULL, NULL);

  *n_rejections = self->rejections != NULL ? self->rejections->len : 0;
  return self->rejections != NULL ? (const CrmImportRejection *) (gpointer) self->rejections->data
                                  : NULL;
}

void
crm_import_undo_async (CrmStore            *store,
                       gint64               batch_id,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (batch_id > 0);

  _crm_store_run_async (store, _crm_import_undo_job, g_memdup2 (&batch_id, sizeof batch_id),
                        g_free, crm_import_undo_async, "crm-import-undo", cancellable,
                        callback, user_data);
}

gboolean
crm_import_undo_finish (CrmStore      *store,
                        GAsyncResult  *result,
                        guint         *n_edited,
                        GError       **error)
{
  gssize edited;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  edited = g_task_propagate_int (G_TASK (result), error);
  if (edited < 0)
    return FALSE;
  if (n_edited != NULL)
    *n_edited = edited;
  return TRUE;
}
