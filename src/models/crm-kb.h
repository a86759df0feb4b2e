/* crm-kb.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The knowledge base: articles (title, body, tags, language, published) and
 * the self-service resolutions that count toward the self-service usage rate
 * (one row of self_service_resolution per customer request resolved by an
 * article without an agent ticket).  Everything runs on the store's worker;
 * writes commit in one transaction each, the store's "changed" signal tells
 * the lists, and each write hands back a CrmKbUndo that reverses it.
 *
 * Search matches every word of the query as a substring of the title, the
 * tags or the body (ASCII case ignored), so Chinese words of one or two
 * characters are found like any other; titles count more than tags, tags
 * more than bodies.  A knowledge base holds thousands of articles at most:
 * a scan is a few milliseconds.
 */

#pragma once

#include <gio/gio.h>

#include "crm-types.h"
#include "crm-kb-hit.h"

G_BEGIN_DECLS

#define CRM_KB_ERROR (crm_kb_error_quark ())

/**
 * CrmKbError:
 * @CRM_KB_ERROR_NO_TITLE: the article has no title
 * @CRM_KB_ERROR_TITLE_TOO_LONG: the title is longer than %CRM_KB_MAX_TITLE characters
 * @CRM_KB_ERROR_NO_BODY: a published article has no text
 * @CRM_KB_ERROR_LANGUAGE: the language is not one of crm_kb_language_keys()
 * @CRM_KB_ERROR_NOT_FOUND: no such article (or it is in the trash)
 * @CRM_KB_ERROR_CHANNEL: the channel is not one of crm_kb_channel_keys()
 * @CRM_KB_ERROR_CUSTOMER_KIND: the customer kind is neither "b2b" nor "b2c"
 * @CRM_KB_ERROR_EMAIL: the customer's email address is not an address
 * @CRM_KB_ERROR_NO_PERSON: nobody has the customer's email address
 * @CRM_KB_ERROR_UNDONE: the change was already undone
 *
 * Every error carries a translated sentence for the user.
 */
typedef enum
{
  CRM_KB_ERROR_NO_TITLE,
  CRM_KB_ERROR_TITLE_TOO_LONG,
  CRM_KB_ERROR_NO_BODY,
  CRM_KB_ERROR_LANGUAGE,
  CRM_KB_ERROR_NOT_FOUND,
  CRM_KB_ERROR_CHANNEL,
  CRM_KB_ERROR_CUSTOMER_KIND,
  CRM_KB_ERROR_EMAIL,
  CRM_KB_ERROR_NO_PERSON,
  CRM_KB_ERROR_UNDONE,
} CrmKbError;

#define CRM_KB_MAX_TITLE 200

GQuark              crm_kb_error_quark        (void);

/* "en", "zh-CN" (stored keys); NULL-terminated, transfer none. */
const char * const *crm_kb_language_keys      (void);
gboolean            crm_kb_language_is_valid  (const char *language);
/* The channels a self-service resolution can come through: "self-service"
 * (a help centre, portal or FAQ page), "chat" (a bot), "email", "web-form",
 * "social", "phone", "in-person" (the ticket channel keys). */
const char * const *crm_kb_channel_keys       (void);
gboolean            crm_kb_channel_is_valid   (const char *channel);

/* The tags typed by a person, as stored: split at commas (also "，", "、",
 * ";" and "；"), trimmed, empty and repeated (ASCII case ignored) ones
 * dropped, joined with ","; transfer full. */
char               *crm_kb_normalize_tags     (const char *text);
/* The stored tags as a list ("" gives none); transfer full. */
GStrv               crm_kb_split_tags         (const char *tags);

/* "KB-<id>": how an article is named in portal logs and replies; transfer full. */
char               *crm_kb_format_reference   (gint64      id);
/* Reads "KB-<id>", "kb <id>", "#<id>" or "<id>" (spaces around are
 * ignored); FALSE for anything else. */
gboolean            crm_kb_parse_reference    (const char *text,
                                               gint64     *id);

/**
 * CrmKbDraft:
 * @title: the title (trimmed on save)
 * @body: the text, paragraphs separated by blank lines
 * @tags: the tags, in any form crm_kb_normalize_tags() reads
 * @language: "en" or "zh-CN"
 * @published: whether customers may see it
 *
 * The edited fields of an article.
 */
typedef struct
{
  char     *title;
  char     *body;
  char     *tags;
  char     *language;
  gboolean  published;
} CrmKbDraft;

CrmKbDraft         *crm_kb_draft_new          (void);
CrmKbDraft         *crm_kb_draft_copy         (const CrmKbDraft *draft);
void                crm_kb_draft_free         (CrmKbDraft       *draft);
/* The first problem of @draft as a CrmKbError, or TRUE. */
gboolean            crm_kb_draft_validate     (const CrmKbDraft *draft,
                                               GError          **error);

/* What an undo reverses. */
typedef enum
{
  CRM_KB_CHANGE_CREATE,
  CRM_KB_CHANGE_UPDATE,
  CRM_KB_CHANGE_DELETE,
  CRM_KB_CHANGE_RESOLUTION,
} CrmKbChangeKind;

/* One write, to be undone once (refcounted, immutable but for its "undone"
 * mark; main thread). */
typedef struct _CrmKbUndo CrmKbUndo;

CrmKbUndo          *crm_kb_undo_ref           (CrmKbUndo *undo);
void                crm_kb_undo_unref         (CrmKbUndo *undo);
CrmKbChangeKind     crm_kb_undo_get_kind      (CrmKbUndo *undo);
/* The article written (for a resolution: the article it points to). */
gint64              crm_kb_undo_get_article_id (CrmKbUndo *undo);
gboolean            crm_kb_undo_get_undone    (CrmKbUndo *undo);

/* --- Articles --- */

typedef enum
{
  CRM_KB_SEARCH_DEFAULT        = 0,
  CRM_KB_SEARCH_PUBLISHED_ONLY = 1 << 0,
} CrmKbSearchFlags;

/**
 * crm_kb_search_async:
 * @text: (nullable): words that must all occur; "KB-<id>" finds that
 *   article; NULL or "" lists every article, most read first
 * @language: (nullable): "en" or "zh-CN" only; NULL or "" for any
 * @tag: (nullable): only articles with this tag
 * @limit: the most hits (0: no limit)
 *
 * Finishes with a GListModel of #CrmKbHit, best first.
 */
void                crm_kb_search_async       (CrmStore            *store,
                                               const char          *text,
                                               const char          *language,
                                               const char          *tag,
                                               CrmKbSearchFlags     flags,
                                               guint                limit,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* transfer full */
GListModel         *crm_kb_search_finish      (CrmStore            *store,
                                               GAsyncResult        *result,
                                               GError             **error);

/* Every tag in use (by articles in @language, NULL for any), the most used
 * first, then alphabetically; transfer full. */
void                crm_kb_list_tags_async    (CrmStore            *store,
                                               const char          *language,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GStrv               crm_kb_list_tags_finish   (CrmStore            *store,
                                               GAsyncResult        *result,
                                               GError             **error);

/**
 * CrmKbStats:
 * @views: times the article was read
 * @resolved: requests it resolved without a ticket (self-service resolutions)
 * @resolved_recent: of those, in the 30 days before now
 * @last_resolved: unix time of the latest, 0 for none
 */
typedef struct
{
  gint64 views;
  gint64 resolved;
  gint64 resolved_recent;
  gint64 last_resolved;
} CrmKbStats;

void                crm_kb_get_stats_async    (CrmStore            *store,
                                               gint64               article_id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean            crm_kb_get_stats_finish   (CrmStore            *store,
                                               GAsyncResult        *result,
                                               CrmKbStats          *stats,
                                               GError             **error);

/* Adds one to the article's view count (its "updated" time stays). */
void                crm_kb_count_view_async   (CrmStore            *store,
                                               gint64               article_id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean            crm_kb_count_view_finish  (CrmStore            *store,
                                               GAsyncResult        *result,
                                               GError             **error);

/* Validates @draft (crm_kb_draft_validate) and inserts it; finishes with the
 * new article's id, or 0 with @error set.  @undo (nullable) receives the
 * undo, which moves the article to the trash. */
void                crm_kb_create_async       (CrmStore            *store,
                                               const CrmKbDraft    *draft,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gint64              crm_kb_create_finish      (CrmStore            *store,
                                               GAsyncResult        *result,
                                               CrmKbUndo          **undo,
                                               GError             **error);
/* Replaces the article's fields with @draft's (validated); the undo puts the
 * old ones back. */
void                crm_kb_update_async       (CrmStore            *store,
                                               gint64               article_id,
                                               const CrmKbDraft    *draft,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean            crm_kb_update_finish      (CrmStore            *store,
                                               GAsyncResult        *result,
                                               CrmKbUndo          **undo,
                                               GError             **error);
/* Moves the article to the trash; its resolutions still count.  The undo
 * takes it out again. */
void                crm_kb_delete_async       (CrmStore            *store,
                                               gint64               article_id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean            crm_kb_delete_finish      (CrmStore            *store,
                                               GAsyncResult        *result,
                                               CrmKbUndo          **undo,
                                               GError             **error);

/* --- Self-service resolutions --- */

/**
 * CrmKbResolution:
 * @article_id: the article that resolved the request
 * @person_id: the customer, 0 for none (or to find them by @email)
 * @email: (nullable): the customer's email address when @person_id is 0;
 *   nobody having it is an error (%CRM_KB_ERROR_NO_PERSON)
 * @channel: (nullable): a crm_kb_channel_keys() key; NULL for "self-service"
 * @customer_kind: (nullable): "b2b" or "b2c"; NULL to take it from the
 *   customer (B2B when they work at an organization), B2C without one
 * @resolved: unix time of the resolution, 0 for now
 * @source: (nullable): "staff" (NULL) or "import"
 */
typedef struct
{
  gint64      article_id;
  gint64      person_id;
  const char *email;
  const char *channel;
  const char *customer_kind;
  gint64      resolved;
  const char *source;
} CrmKbResolution;

/* Records one request resolved by an article; finishes with the new row's
 * id (0 and @error on failure).  The undo removes the row. */
void                crm_kb_record_resolution_async  (CrmStore              *store,
                                                     const CrmKbResolution *resolution,
                                                     GCancellable          *cancellable,
                                                     GAsyncReadyCallback    callback,
                                                     gpointer               user_data);
gint64              crm_kb_record_resolution_finish (CrmStore              *store,
                                                     GAsyncResult          *result,
                                                     CrmKbUndo            **undo,
                                                     GError               **error);

/* Reverses the write @undo came from, in one transaction (once: a second
 * call fails with %CRM_KB_ERROR_UNDONE). */
void                crm_kb_undo_async         (CrmStore            *store,
                                               CrmKbUndo           *undo,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean            crm_kb_undo_finish        (CrmStore            *store,
                                               GAsyncResult        *result,
                                               GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmKbDraft, crm_kb_draft_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmKbUndo, crm_kb_undo_unref)

G_END_DECLS
