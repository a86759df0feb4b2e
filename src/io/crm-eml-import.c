/* crm-eml-import.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CrmEmlImport: every file read and parsed in a thread of GIO's pool, the
 * messages put in the order they were sent, then one after the other placed
 * by a job on the store's worker (crm-eml-import-worker.c) and written as a
 * new ticket or a customer message through the ticket flow.
 */

#define G_LOG_DOMAIN "CrmEmlImport"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-eml-import-private.h"
#include "crm-store.h"
#include "crm-ticket-flow.h"

/* A new ticket's subject taken from the text is cut to this many characters. */
#define SUBJECT_FROM_TEXT_CHARS 80
/* Message-IDs on their way in, on the store (main thread only), so that two
 * imports at once cannot both take the same message for new. */
#define IN_FLIGHT_KEY "crm-eml-import-in-flight"

/* A file read: its message, or why there is none. */
typedef struct
{
  guint          position;    /* in the list given to run */
  GFile         *file;
  CrmEmlMessage *message;
  GError        *error;
} Parsed;

struct _CrmEmlImport
{
  GObject        parent_instance;

  CrmStore      *store;
  GArray        *results;     /* CrmEmlFileResult */
  GArray        *ticket_ids;  /* gint64 */

  /* the run */
  GTask         *task;
  GPtrArray     *queue;       /* Parsed, in the order of import */
  guint          next;
  GFile         *file;        /* the current file's */
  guint          position;
  CrmEmlMessage *message;
  char          *in_flight;   /* its id in the store's set */
  EmlResolve    *resolve;
};

G_DEFINE_FINAL_TYPE (CrmEmlImport, crm_eml_import, G_TYPE_OBJECT)

static void import_next (CrmEmlImport *self);

const char *
crm_eml_outcome_to_string (CrmEmlOutcome outcome)
{
  switch (outcome)
    {
    case CRM_EML_OUTCOME_CREATED:
      return "created";
    case CRM_EML_OUTCOME_THREADED:
      return "threaded";
    case CRM_EML_OUTCOME_SKIPPED:
      return "skipped";
    case CRM_EML_OUTCOME_REJECTED:
      return "rejected";
    case CRM_EML_N_OUTCOMES:
    default:
      break;
    }
  g_return_val_if_reached ("rejected");
}

const char *
crm_eml_reason_get_label (const char *reason)
{
  if (g_strcmp0 (reason, "duplicate") == 0)
    return _("Imported before");
  if (g_strcmp0 (reason, "unreadable") == 0)
    return _("The file could not be read");
  if (g_strcmp0 (reason, "empty") == 0)
    return _("The file is empty");
  if (g_strcmp0 (reason, "too-large") == 0)
    return _("The file is too large");
  if (g_strcmp0 (reason, "not-a-message") == 0)
    return _("Not an email message");
  if (g_strcmp0 (reason, "no-sender") == 0)
    return _("No usable sender address");
  if (g_strcmp0 (reason, "no-text") == 0)
    return _("No subject, text or attachment");
  if (g_strcmp0 (reason, "refused") == 0)
    return _("The ticket refused the message");
  return reason != NULL ? reason : "";
}

/* --- results --- */

static void
result_clear (gpointer data)
{
  CrmEmlFileResult *result = data;

  g_clear_object (&result->file);
  g_clear_pointer (&result->name, g_free);
  g_clear_pointer (&result->detail, g_free);
}

static char *
display_name (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  return base != NULL ? g_filename_display_name (base) : g_file_get_parse_name (file);
}

static CrmEmlFileResult *
add_result (CrmEmlImport  *self,
            CrmEmlOutcome  outcome)
{
  CrmEmlFileResult result = { NULL, };

  result.file = g_object_ref (self->file);
  result.name = display_name (self->file);
  result.position = self->position;
  result.outcome = outcome;
  g_array_append_val (self->results, result);
  return &g_array_index (self->results, CrmEmlFileResult, self->results->len - 1);
}

static void
add_rejection (CrmEmlImport *self,
               const char   *reason,
               const char   *detail)
{
  CrmEmlFileResult *result = add_result (self, CRM_EML_OUTCOME_REJECTED);

  result->reason = reason;
  result->detail = g_strdup (detail);
}

static void
note_ticket (CrmEmlImport *self,
             gint64        ticket_id)
{
  for (guint i = 0; i < self->ticket_ids->len; i++)
    if (g_array_index (self->ticket_ids, gint64, i) == ticket_id)
      return;
  g_array_append_val (self->ticket_ids, ticket_id);
}

/* --- the set of Message-IDs on their way in --- */

static GHashTable *
in_flight_set (CrmStore *store)
{
  GHashTable *set = g_object_get_data (G_OBJECT (store), IN_FLIGHT_KEY);

  if (set == NULL)
    {
      set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_object_set_data_full (G_OBJECT (store), IN_FLIGHT_KEY, set,
                              (GDestroyNotify) g_hash_table_unref);
    }
  return set;
}

/* Ends the current file: drops its message and its place in the set. */
static void
finish_file (CrmEmlImport *self)
{
  if (self->in_flight != NULL)
    g_hash_table_remove (in_flight_set (self->store), self->in_flight);
  g_clear_pointer (&self->in_flight, g_free);
  g_clear_pointer (&self->message, crm_eml_message_free);
  g_clear_pointer (&self->resolve, _crm_eml_resolve_free);
  g_clear_object (&self->file);
}

/* Stops the run with @error (cancelled, or the database failed). */
static void
fail_run (CrmEmlImport *self,
          GError       *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  finish_file (self);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  g_task_return_error (task, error);
}

/* --- the text written --- */

/* "1.5 MB": the same in every language (it is stored in the message). */
static char *
format_size (guint64 size)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  if (size < 1000)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " B", size);
  if (size < 1000 * 1000)
    return g_strdup_printf ("%s kB", g_ascii_formatd (number, sizeof number, "%.1f", size / 1000.0));
  return g_strdup_printf ("%s MB", g_ascii_formatd (number, sizeof number, "%.1f", size / 1e6));
}

/* The text of the message as stored: for a reply in a thread without the
 * quoted message; then one line per attachment ("[name (size)]": plain
 * characters that every font has, and no words of one language). */
static char *
message_text (const CrmEmlMessage *message,
              gboolean             threaded)
{
  GString *text = g_string_new (NULL);

  if (threaded)
    {
      g_autofree char *own = crm_eml_strip_quoted (message->body);

      g_string_append (text, own);
    }
  else
    g_string_append (text, message->body);
  for (guint i = 0; i < message->attachments->len; i++)
    {
      const CrmEmlAttachment *a = g_ptr_array_index (message->attachments, i);
      g_autofree char *size = format_size (a->size);

      g_string_append (text, i == 0 ? (text->len > 0 ? "\n\n" : "") : "\n");
      g_string_append_printf (text, "[%s (%s)]", a->filename[0] != '\0' ? a->filename : a->content_type,
                              size);
    }
  return g_string_free (text, FALSE);
}

/* The subject of a new ticket: the message's, else the first line of its
 * text (cut), else NULL. */
static char *
ticket_subject (const CrmEmlMessage *message,
                const char          *text)
{
  g_autofree char *line = NULL;
  const char *nl;

  if (message->subject[0] != '\0')
    return g_strdup (message->subject);
  nl = strchr (text, '\n');
  line = g_strstrip (nl != NULL ? g_strndup (text, nl - text) : g_strdup (text));
  if (line[0] == '\0')
    return NULL;
  if (g_utf8_strlen (line, -1) > SUBJECT_FROM_TEXT_CHARS)
    {
      char *end = g_utf8_offset_to_pointer (line, SUBJECT_FROM_TEXT_CHARS - 1);

      *end = '\0';
      return g_strconcat (line, "…", NULL);
    }
  return g_steal_pointer (&line);
}

/* When the message was sent: its Date, unless missing or in the future. */
static gint64
sent_time (const CrmEmlMessage *message)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *fixed = g_getenv ("CRM_STORE_NOW");

  /* The store's clock in tests. */
  if (fixed != NULL && fixed[0] != '\0')
    now = g_ascii_strtoll (fixed, NULL, 10);
  if (message->date <= 0 || message->date > now + 24 * 3600)
    return 0;
  return message->date;
}

/* --- writing --- */

static gboolean
is_store_failure (const GError *error)
{
  /* The ticket flow refusing one message is that file's problem; the
   * database failing, or cancellation, ends the run. */
  return !g_error_matches (error, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_INVALID) &&
         !g_error_matches (error, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_NOT_FOUND);
}

typedef struct
{
  gint64 ticket_id;
  gint64 number;
} NumberJob;

static void
number_job (CrmStoreWorker *worker,
            GTask          *task,
            gpointer        data)
{
  NumberJob *job = data;
  GError *error = NULL;
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, "SELECT number FROM ticket WHERE id = ?1",
                                                  &error);
  int rc;

  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, job->ticket_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    job->number = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (&error, _crm_store_worker_get_db (worker), rc, NULL);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_number_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CrmEmlImport) self = user_data;
  g_autoptr(GError) error = NULL;
  NumberJob *job = g_task_get_task_data (G_TASK (result));
  CrmEmlFileResult *res = &g_array_index (self->results, CrmEmlFileResult, self->results->len - 1);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      fail_run (self, g_steal_pointer (&error));
      return;
    }
  res->ticket_number = job->number;
  import_next (self);
}

static void
on_written_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CrmEmlImport) self = user_data;
  g_autoptr(GError) error = NULL;
  EmlResolve *r = self->resolve;
  gboolean created = r->plan == EML_PLAN_CREATE;
  CrmEmlFileResult *res;
  NumberJob *job;
  gint64 id;

  if (created)
    id = crm_ticket_flow_create_finish (CRM_STORE (object), result, &error);
  else
    id = crm_ticket_flow_add_message_finish (CRM_STORE (object), result, &error);
  if (id == 0)
    {
      if (is_store_failure (error))
        {
          fail_run (self, g_steal_pointer (&error));
          return;
        }
      add_rejection (self, "refused", error->message);
      finish_file (self);
      import_next (self);
      return;
    }

  res = add_result (self, created ? CRM_EML_OUTCOME_CREATED : CRM_EML_OUTCOME_THREADED);
  res->ticket_id = created ? id : r->ticket_id;
  res->ticket_number = r->ticket_number;
  res->person_id = r->person_id;
  res->person_created = r->person_created;
  note_ticket (self, res->ticket_id);
  finish_file (self);
  if (!created)
    {
      import_next (self);
      return;
    }
  /* The number the flow gave the new ticket. */
  job = g_new0 (NumberJob, 1);
  job->ticket_id = res->ticket_id;
  _crm_store_run_async (self->store, number_job, job, g_free, crm_eml_import_run_async,
                        "crm-eml-import-number", NULL, on_number_cb, g_object_ref (self));
}

static void
reject_no_text (CrmEmlImport *self)
{
  add_rejection (self, "no-text", _("The message has no subject, text or attachment."));
  finish_file (self);
  import_next (self);
}

static void
write_message (CrmEmlImport *self)
{
  EmlResolve *r = self->resolve;
  const CrmEmlMessage *m = self->message;
  g_autofree char *text = message_text (m, r->plan == EML_PLAN_THREAD);
  GCancellable *cancellable = g_task_get_cancellable (self->task);

  /* A message with only a subject ("Re: [#12] Thanks!") says it there; and
   * a stored message is what keeps the Message-ID for the next import. */
  if (text[0] == '\0')
    {
      g_free (text);
      text = g_strdup (m->subject);
    }
  if (r->plan == EML_PLAN_THREAD)
    {
      crm_ticket_flow_add_message_full_async (self->store, r->ticket_id, "customer", text, 0,
                                              r->person_id, sent_time (m), m->message_id,
                                              m->in_reply_to[0] != '\0' ? m->in_reply_to : NULL,
                                              cancellable, on_written_cb, g_object_ref (self));
    }
  else
    {
      g_autofree char *subject = ticket_subject (m, text);
      CrmTicketDraft draft = { NULL, };

      draft.subject = subject;
      draft.body = text;
      draft.channel = "email";
      draft.priority = "normal";
      draft.person_id = r->person_id;
      draft.organization_id = r->organization_id;
      draft.created = sent_time (m);
      draft.message_id = m->message_id;
      draft.in_reply_to = m->in_reply_to[0] != '\0' ? m->in_reply_to : NULL;
      crm_ticket_flow_create_async (self->store, &draft, cancellable, on_written_cb,
                                    g_object_ref (self));
    }
}

/* --- placing --- */

static void
on_resolved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CrmEmlImport) self = user_data;
  g_autoptr(GError) error = NULL;
  EmlResolve *r = self->resolve;
  CrmEmlFileResult *res;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      fail_run (self, g_steal_pointer (&error));
      return;
    }
  switch (r->plan)
    {
    case EML_PLAN_SKIP:
      res = add_result (self, CRM_EML_OUTCOME_SKIPPED);
      res->reason = r->reason;
      res->ticket_id = r->ticket_id;
      res->ticket_number = r->ticket_number;
      finish_file (self);
      import_next (self);
      return;
    case EML_PLAN_REJECT:
      add_rejection (self, r->reason, r->detail);
      finish_file (self);
      import_next (self);
      return;
    case EML_PLAN_CREATE:
    case EML_PLAN_THREAD:
    default:
      write_message (self);
      return;
    }
}

/* --- reading --- */

static void
parsed_free (gpointer data)
{
  Parsed *parsed = data;

  g_clear_object (&parsed->file);
  g_clear_pointer (&parsed->message, crm_eml_message_free);
  g_clear_error (&parsed->error);
  g_free (parsed);
}

/* In the order sent: by Date (messages without one last), else as given. */
static gint
compare_parsed (gconstpointer a,
                gconstpointer b)
{
  const Parsed *pa = *(const Parsed * const *) a;
  const Parsed *pb = *(const Parsed * const *) b;
  gint64 da = pa->message != NULL && pa->message->date > 0 ? pa->message->date : G_MAXINT64;
  gint64 db = pb->message != NULL && pb->message->date > 0 ? pb->message->date : G_MAXINT64;

  if (da != db)
    return da < db ? -1 : 1;
  return pa->position < pb->position ? -1 : pa->position > pb->position;
}

static void
parse_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GPtrArray *files = task_data;
  g_autoptr(GPtrArray) queue = g_ptr_array_new_with_free_func (parsed_free);
  GError *error = NULL;

  for (guint i = 0; i < files->len; i++)
    {
      Parsed *parsed = g_new0 (Parsed, 1);

      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          g_free (parsed);
          g_task_return_error (task, error);
          return;
        }
      parsed->position = i;
      parsed->file = g_object_ref (g_ptr_array_index (files, i));
      parsed->message = crm_eml_parse_file (parsed->file, cancellable, &parsed->error);
      g_ptr_array_add (queue, parsed);
    }
  g_ptr_array_sort (queue, compare_parsed);
  g_task_return_pointer (task, g_steal_pointer (&queue), (GDestroyNotify) g_ptr_array_unref);
}

static const char *
reason_for_error (const GError *error)
{
  if (error->domain == CRM_EML_ERROR)
    switch ((CrmEmlError) error->code)
      {
      case CRM_EML_ERROR_EMPTY:
        return "empty";
      case CRM_EML_ERROR_TOO_LARGE:
        return "too-large";
      case CRM_EML_ERROR_NOT_MESSAGE:
      default:
        return "not-a-message";
      }
  return "unreadable";
}

/* The current file's message, read: on to the worker. */
static void
place_message (CrmEmlImport *self)
{
  GHashTable *in_flight;

  if (self->message->subject[0] == '\0' && self->message->body[0] == '\0' &&
      self->message->attachments->len == 0)
    {
      reject_no_text (self);
      return;
    }
  /* A message without a Message-ID is known by its bytes. */
  if (self->message->message_id[0] == '\0')
    {
      g_free (self->message->message_id);
      self->message->message_id = g_strdup_printf ("<%s@eml.rapport.invalid>", self->message->digest);
    }
  in_flight = in_flight_set (self->store);
  if (g_hash_table_contains (in_flight, self->message->message_id))
    {
      CrmEmlFileResult *res = add_result (self, CRM_EML_OUTCOME_SKIPPED);

      res->reason = "duplicate";
      finish_file (self);
      import_next (self);
      return;
    }
  self->in_flight = g_strdup (self->message->message_id);
  g_hash_table_add (in_flight, g_strdup (self->in_flight));

  self->resolve = g_new0 (EmlResolve, 1);
  self->resolve->message = self->message;
  /* The job only borrows the resolve struct (the import frees it). */
  _crm_store_run_async (self->store, _crm_eml_resolve_job, self->resolve, NULL,
                        crm_eml_import_run_async, "crm-eml-import-resolve",
                        g_task_get_cancellable (self->task), on_resolved_cb, g_object_ref (self));
}

static gint
compare_results (gconstpointer a,
                 gconstpointer b)
{
  const CrmEmlFileResult *ra = a, *rb = b;

  return ra->position < rb->position ? -1 : ra->position > rb->position;
}

static void
import_next (CrmEmlImport *self)
{
  GCancellable *cancellable = g_task_get_cancellable (self->task);
  GError *error = NULL;
  Parsed *parsed;

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      fail_run (self, error);
      return;
    }
  if (self->next >= self->queue->len)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->task);

      /* Reported in the order the files were given. */
      g_array_sort (self->results, compare_results);
      g_clear_pointer (&self->queue, g_ptr_array_unref);
      g_task_return_boolean (task, TRUE);
      return;
    }

  parsed = g_ptr_array_index (self->queue, self->next++);
  self->file = g_object_ref (parsed->file);
  self->position = parsed->position;
  if (parsed->message == NULL)
    {
      add_rejection (self, reason_for_error (parsed->error), parsed->error->message);
      finish_file (self);
      import_next (self);
      return;
    }
  self->message = g_steal_pointer (&parsed->message);
  place_message (self);
}

static void
on_parsed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CrmEmlImport *self = CRM_EML_IMPORT (object);
  GError *error = NULL;

  self->queue = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->queue == NULL)
    {
      fail_run (self, error);
      return;
    }
  self->next = 0;
  import_next (self);
}

/* --- GObject --- */

static void
crm_eml_import_finalize (GObject *object)
{
  CrmEmlImport *self = CRM_EML_IMPORT (object);

  g_assert (self->task == NULL);
  finish_file (self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->results, g_array_unref);
  g_clear_pointer (&self->ticket_ids, g_array_unref);
  g_clear_pointer (&self->queue, g_ptr_array_unref);

  G_OBJECT_CLASS (crm_eml_import_parent_class)->finalize (object);
}

static void
crm_eml_import_class_init (CrmEmlImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_eml_import_finalize;
}

static void
crm_eml_import_init (CrmEmlImport *self)
{
  self->results = g_array_new (FALSE, TRUE, sizeof (CrmEmlFileResult));
  g_array_set_clear_func (self->results, result_clear);
  self->ticket_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/* --- public API --- */

CrmEmlImport *
crm_eml_import_new (CrmStore *store)
{
  CrmEmlImport *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_EML_IMPORT, NULL);
  self->store = g_object_ref (store);
  return self;
}

void
crm_eml_import_run_async (CrmEmlImport        *self,
                          GFile * const       *files,
                          guint                n_files,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) parse = NULL;
  GPtrArray *list;

  g_return_if_fail (CRM_IS_EML_IMPORT (self));
  g_return_if_fail (files != NULL || n_files == 0);
  g_return_if_fail (self->task == NULL);

  g_array_set_size (self->results, 0);
  g_array_set_size (self->ticket_ids, 0);
  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, crm_eml_import_run_async);
  g_task_set_name (self->task, "crm-eml-import-run");
  list = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (list, g_object_ref (files[i]));
  parse = g_task_new (self, cancellable, on_parsed_cb, NULL);
  g_task_set_source_tag (parse, crm_eml_import_run_async);
  g_task_set_name (parse, "crm-eml-import-parse");
  g_task_set_task_data (parse, list, (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (parse, parse_thread);
}

gboolean
crm_eml_import_run_finish (CrmEmlImport  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (CRM_IS_EML_IMPORT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

guint
crm_eml_import_get_n_results (CrmEmlImport *self)
{
  g_return_val_if_fail (CRM_IS_EML_IMPORT (self), 0);

  return self->results->len;
}

const CrmEmlFileResult *
crm_eml_import_get_result (CrmEmlImport *self,
                           guint         index)
{
  g_return_val_if_fail (CRM_IS_EML_IMPORT (self), NULL);
  g_return_val_if_fail (index < self->results->len, NULL);

  return &g_array_index (self->results, CrmEmlFileResult, index);
}

guint
crm_eml_import_count (CrmEmlImport  *self,
                      CrmEmlOutcome  outcome)
{
  guint n = 0;

  g_return_val_if_fail (CRM_IS_EML_IMPORT (self), 0);

  for (guint i = 0; i < self->results->len; i++)
    if (g_array_index (self->results, CrmEmlFileResult, i).outcome == outcome)
      n++;
  return n;
}

GArray *
crm_eml_import_get_ticket_ids (CrmEmlImport *self)
{
  g_return_val_if_fail (CRM_IS_EML_IMPORT (self), NULL);

  return self->ticket_ids;
}
