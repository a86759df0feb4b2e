/* crm-eml-import-worker.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker side of the .eml import: the duplicate check, threading by
 * Message-ID and by the subject's ticket number, and the sender as a person
 * (found by email, or made from the From header) with their organization.
 */

#define G_LOG_DOMAIN "CrmEmlImport"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-eml-import-private.h"
#include "crm-email.h"
#include "crm-search-fold.h"
#include "crm-stakeholder-map-private.h"

void
_crm_eml_resolve_free (gpointer data)
{
  EmlResolve *r = data;

  g_free (r->detail);
  g_free (r);
}

/* Steps @stmt for its first row's integer columns (@n of them into @out);
 * FALSE with @error on failure, *found tells whether there was a row. */
static gboolean
select_row (CrmStoreWorker  *worker,
            sqlite3_stmt    *stmt,
            gint64          *out,
            guint            n,
            gboolean        *found,
            GError         **error)
{
  int rc = sqlite3_step (stmt);

  *found = rc == SQLITE_ROW;
  for (guint i = 0; i < n && *found; i++)
    out[i] = sqlite3_column_int64 (stmt, i);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
      return FALSE;
    }
  return TRUE;
}

/* --- where the message goes --- */

static gboolean
find_duplicate (CrmStoreWorker  *worker,
                EmlResolve      *r,
                GError         **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker,
    "SELECT m.ticket_id, coalesce (t.number, 0) FROM ticket_message m "
    "LEFT JOIN ticket t ON t.id = m.ticket_id WHERE m.message_id = ?1 LIMIT 1", error);
  gint64 row[2] = { 0, 0 };
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, r->message->message_id, -1, SQLITE_STATIC);
  if (!select_row (worker, stmt, row, 2, &found, error))
    return FALSE;
  if (found)
    {
      r->plan = EML_PLAN_SKIP;
      r->reason = "duplicate";
      r->ticket_id = row[0];
      r->ticket_number = row[1];
    }
  return TRUE;
}

/* The ticket (live, not closed) that has a message with @id, if any. */
static gboolean
ticket_of_message (CrmStoreWorker  *worker,
                   const char      *id,
                   EmlResolve      *r,
                   GError         **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker,
    "SELECT t.id, t.number FROM ticket_message m JOIN ticket t ON t.id = m.ticket_id "
    "WHERE m.message_id = ?1 AND m.deleted = 0 AND t.deleted = 0 AND t.status != 'closed' "
    "ORDER BY m.sent DESC LIMIT 1", error);
  gint64 row[2] = { 0, 0 };
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (!select_row (worker, stmt, row, 2, &found, error))
    return FALSE;
  if (found)
    {
      r->plan = EML_PLAN_THREAD;
      r->ticket_id = row[0];
      r->ticket_number = row[1];
    }
  return TRUE;
}

static gboolean
find_thread (CrmStoreWorker  *worker,
             EmlResolve      *r,
             GError         **error)
{
  const CrmEmlMessage *m = r->message;
  gint64 number;

  if (m->in_reply_to[0] != '\0' && !ticket_of_message (worker, m->in_reply_to, r, error))
    return FALSE;
  /* The newest reference is the likeliest to be ours. */
  for (guint i = m->references->len; i > 0 && r->plan != EML_PLAN_THREAD; i--)
    if (!ticket_of_message (worker, g_ptr_array_index (m->references, i - 1), r, error))
      return FALSE;
  if (r->plan == EML_PLAN_THREAD)
    return TRUE;

  number = crm_eml_subject_ticket_number (m->subject);
  if (number > 0)
    {
      sqlite3_stmt *stmt = _crm_store_worker_prepare (worker,
        "SELECT id, number FROM ticket WHERE number = ?1 AND deleted = 0 AND status != 'closed' "
        "ORDER BY id LIMIT 1", error);
      gint64 row[2] = { 0, 0 };
      gboolean found;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, number);
      if (!select_row (worker, stmt, row, 2, &found, error))
        return FALSE;
      if (found)
        {
          r->plan = EML_PLAN_THREAD;
          r->ticket_id = row[0];
          r->ticket_number = row[1];
        }
    }
  return TRUE;
}

/* --- who sent it --- */

static gboolean
find_person (CrmStoreWorker  *worker,
             const char      *address,
             const char      *normalized,
             gint64          *person_id,
             GError         **error)
{
  g_autofree char *lower = g_utf8_strdown (address, -1);
  const char *forms[] = { address, normalized, lower };
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker,
    "SELECT id FROM person WHERE email = ?1 AND email != '' AND +deleted = 0 ORDER BY id LIMIT 1",
    error);

  if (stmt == NULL)
    return FALSE;
  /* As written, with the domain in lower case, all in lower case: the forms
   * the contact importer matches. */
  for (guint i = 0; i < G_N_ELEMENTS (forms) && *person_id == 0; i++)
    {
      gboolean found;

      if (forms[i] == NULL || (i > 0 && g_strcmp0 (forms[i], forms[i - 1]) == 0))
        continue;
      sqlite3_bind_text (stmt, 1, forms[i], -1, SQLITE_STATIC);
      if (!select_row (worker, stmt, person_id, 1, &found, error))
        return FALSE;
    }
  return TRUE;
}

/* "john.smith_jr" → "John Smith Jr" (ASCII only; other text as it is). */
static char *
name_from_local_part (const char *address)
{
  const char *at = strchr (address, '@');
  g_autofree char *local = g_strndup (address, at != NULL ? (gsize) (at - address) : strlen (address));
  gboolean ascii = TRUE, start = TRUE;

  for (const char *p = local; *p != '\0'; p++)
    ascii = ascii && (guchar) *p < 0x80;
  if (!ascii)
    return g_steal_pointer (&local);
  for (char *p = local; *p != '\0'; p++)
    {
      if (*p == '.' || *p == '_' || *p == '-')
        {
          *p = ' ';
          start = TRUE;
        }
      else if (start)
        {
          *p = g_ascii_toupper (*p);
          start = FALSE;
        }
    }
  return g_strstrip (g_steal_pointer (&local));
}

char *
_crm_eml_sender_name (const CrmEmlAddress *from)
{
  g_autofree char *name = g_strstrip (g_strdup (from->name));
  const char *comma;

  if (name[0] == '\0' || strchr (name, '@') != NULL)
    return name_from_local_part (from->address);
  /* "Smith, John" (directories and Outlook) is John Smith. */
  comma = strchr (name, ',');
  if (comma != NULL && strchr (comma + 1, ',') == NULL && comma > name && comma[1] != '\0')
    {
      g_autofree char *family = g_strstrip (g_strndup (name, comma - name));
      g_autofree char *given = g_strstrip (g_strdup (comma + 1));

      if (family[0] != '\0' && given[0] != '\0')
        return g_strdup_printf ("%s %s", given, family);
    }
  return g_steal_pointer (&name);
}

static gboolean
create_person (CrmStoreWorker  *worker,
               EmlResolve      *r,
               const char      *email,
               GError         **error)
{
  g_autofree char *display = _crm_eml_sender_name (&r->message->from);
  g_autofree char *given = NULL;
  g_autofree char *family = NULL;
  g_autofree char *sort_key = NULL;
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker,
    "INSERT INTO person (id, created, updated, given_name, family_name, display_name, sort_key, "
    "email, preferred_channel) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, 'email')", error);

  if (stmt == NULL)
    return FALSE;
  if (display[0] == '\0')
    {
      g_free (display);
      display = g_strdup (email);
    }
  _crm_map_split_name (display, &given, &family);
  sort_key = _crm_search_sort_key (display);
  r->person_id = _crm_store_worker_next_id (worker);
  sqlite3_bind_int64 (stmt, 1, r->person_id);
  sqlite3_bind_int64 (stmt, 2, _crm_store_worker_now (worker));
  sqlite3_bind_text (stmt, 3, given, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, family, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, display, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, sort_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, email, -1, SQLITE_STATIC);
  if (!_crm_store_worker_step (worker, stmt, error))
    return FALSE;
  r->person_created = TRUE;
  return TRUE;
}

static gboolean
find_organization (CrmStoreWorker  *worker,
                   EmlResolve      *r,
                   GError         **error)
{
  /* The primary affiliation; else a current one; the oldest first. */
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker,
    "SELECT a.organization_id FROM affiliation a JOIN organization o ON o.id = a.organization_id "
    "WHERE a.person_id = ?1 AND a.deleted = 0 AND o.deleted = 0 "
    "ORDER BY a.is_primary DESC, a.ended = '' DESC, a.id LIMIT 1", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->person_id);
  return select_row (worker, stmt, &r->organization_id, 1, &found, error);
}

static gboolean
resolve_sender (CrmStoreWorker  *worker,
                EmlResolve      *r,
                GError         **error)
{
  const char *address = r->message->from.address;
  g_autoptr(GError) invalid = NULL;
  g_autofree char *normalized = crm_email_normalize (address, &invalid);

  if (normalized == NULL)
    {
      r->plan = EML_PLAN_REJECT;
      r->reason = "no-sender";
      if (address[0] == '\0')
        r->detail = g_strdup (_("The message has no sender address."));
      else
        /* TRANSLATORS: %s is the reason an address is not usable */
        r->detail = g_strdup_printf (_("The sender’s address is not usable: %s"), invalid->message);
      return TRUE;
    }
  if (!find_person (worker, address, normalized, &r->person_id, error))
    return FALSE;
  if (r->person_id == 0 && !create_person (worker, r, normalized, error))
    return FALSE;
  return find_organization (worker, r, error);
}

void
_crm_eml_resolve_job (CrmStoreWorker *worker,
                      GTask          *task,
                      gpointer        data)
{
  EmlResolve *r = data;
  GError *error = NULL;

  r->plan = EML_PLAN_CREATE;
  if (!_crm_store_worker_begin (worker, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!find_duplicate (worker, r, &error) ||
      (r->plan == EML_PLAN_CREATE && !find_thread (worker, r, &error)) ||
      (r->plan != EML_PLAN_SKIP && !resolve_sender (worker, r, &error)) ||
      !_crm_store_worker_commit (worker, &error))
    {
      _crm_store_worker_rollback (worker);
      r->person_created = FALSE;
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}
