/* crm-dedupe.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "crm-types.h"

G_BEGIN_DECLS

/**
 * CrmDedupeKind:
 * @CRM_DEDUPE_KIND_PERSON: people
 * @CRM_DEDUPE_KIND_ORGANIZATION: organizations
 */
typedef enum
{
  CRM_DEDUPE_KIND_PERSON,
  CRM_DEDUPE_KIND_ORGANIZATION,
} CrmDedupeKind;

/**
 * CrmDedupeRule:
 * @CRM_DEDUPE_RULE_EMAIL: the same mailbox (case, Gmail dots and +tags folded)
 * @CRM_DEDUPE_RULE_PHONE: the same number in E.164
 * @CRM_DEDUPE_RULE_NAME_AT_ORGANIZATION: the same folded name (Chinese in
 *   pinyin, either name order) at the same organization
 * @CRM_DEDUPE_RULE_ORGANIZATION_NAME: the same name without legal suffixes
 * @CRM_DEDUPE_RULE_WEBSITE: the same website domain
 */
typedef enum
{
  CRM_DEDUPE_RULE_EMAIL,
  CRM_DEDUPE_RULE_PHONE,
  CRM_DEDUPE_RULE_NAME_AT_ORGANIZATION,
  CRM_DEDUPE_RULE_ORGANIZATION_NAME,
  CRM_DEDUPE_RULE_WEBSITE,
} CrmDedupeRule;

/* One key that two or more records of a cluster share. */
typedef struct
{
  CrmDedupeRule  rule;
  char          *key;    /* "jdoe@gmail.com", "+8613812345678", "<org id>:wei zhang" */
  GArray        *ids;    /* gint64, ascending */
} CrmDedupeMatch;

/* Records that are probably the same person or organization. */
typedef struct
{
  CrmDedupeKind  kind;
  GArray        *ids;      /* gint64, ascending */
  GPtrArray     *matches;  /* CrmDedupeMatch* */
  GPtrArray     *names;    /* char*, the display name of each of ids */
} CrmDedupeCluster;

void        crm_dedupe_cluster_free     (CrmDedupeCluster *cluster);
const char *crm_dedupe_kind_to_string   (CrmDedupeKind     kind);
const char *crm_dedupe_rule_to_string   (CrmDedupeRule     rule);

/* Keys, for the importer and the tests: NULL when the value gives none;
 * transfer full. */
/* A name gives one or two keys (both name orders); a NULL-terminated array. */
char      **crm_dedupe_dup_name_keys    (const char       *given_name,
                                         const char       *family_name,
                                         const char       *display_name);
char       *crm_dedupe_dup_org_name_key (const char       *name);
char       *crm_dedupe_dup_domain_key   (const char       *website);

/* Finds the duplicate clusters of people and organizations (trash excluded)
 * on the store's worker.  Returns a GPtrArray of CrmDedupeCluster, people
 * first, each kind ordered by smallest id; transfer full. */
void        crm_dedupe_scan_async       (CrmStore             *store,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
GPtrArray  *crm_dedupe_scan_finish      (CrmStore             *store,
                                         GAsyncResult         *result,
                                         GError              **error);

/* Merges @loser_ids into @survivor_id in one transaction: copies the fields
 * named in @field_choices (property name such as "email" or "given-name" →
 * a gint64* record id among the survivor and losers) to the survivor, moves
 * related rows (affiliations, deals, tickets, activities, orders, campaign
 * members, deal stakeholders, reporting lines, influence links, tags, custom
 * values, ...) to it, merging rows a UNIQUE constraint or an existing
 * affiliation would duplicate, and trashes the losers.  @field_choices may
 * be NULL.
 *
 * The result is the undo record: a GVariant of type "(sxaxa(sxsv))" (kind,
 * survivor, losers, and every changed cell as table, row id, column, old
 * value, in the order changed); give it to crm_dedupe_unmerge_async().
 * Transfer full. */
void        crm_dedupe_merge_async      (CrmStore             *store,
                                         CrmDedupeKind         kind,
                                         gint64                survivor_id,
                                         const gint64         *loser_ids,
                                         guint                 n_losers,
                                         GHashTable           *field_choices,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
GVariant   *crm_dedupe_merge_finish     (CrmStore             *store,
                                         GAsyncResult         *result,
                                         GError              **error);
/* Puts every cell @undo lists back, in one transaction. */
void        crm_dedupe_unmerge_async    (CrmStore             *store,
                                         GVariant             *undo,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean    crm_dedupe_unmerge_finish   (CrmStore             *store,
                                         GAsyncResult         *result,
                                         GError              **error);

/* Counts the live rows that point at @ids (the records a merge would
 * trash): what the merge moves to its survivor.  Returns a GVariant of type
 * "a{sx}" keyed by table name ("deal", "ticket", "activity", "affiliation",
 * "customer_order", "campaign_member", "record_tag", "custom_value",
 * "deal_stakeholder", ...), every table of the kind listed, in a fixed order;
 * transfer full. */
void        crm_dedupe_count_related_async  (CrmStore            *store,
                                             CrmDedupeKind        kind,
                                             const gint64        *ids,
                                             guint                n_ids,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GVariant   *crm_dedupe_count_related_finish (CrmStore            *store,
                                             GAsyncResult        *result,
                                             GError             **error);

/* Records (or with @dismissed FALSE forgets) that the records @ids of @kind
 * are not duplicates of one another: later scans leave out a cluster all of
 * whose pairs were dismissed, and still show it when a new record joins it.
 * Kept in the dedupe_dismissed table, one row per pair. */
void        crm_dedupe_set_dismissed_async  (CrmStore            *store,
                                             CrmDedupeKind        kind,
                                             const gint64        *ids,
                                             guint                n_ids,
                                             gboolean             dismissed,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean    crm_dedupe_set_dismissed_finish (CrmStore            *store,
                                             GAsyncResult        *result,
                                             GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmDedupeCluster, crm_dedupe_cluster_free)

G_END_DECLS
