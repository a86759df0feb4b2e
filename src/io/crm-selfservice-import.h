/* crm-selfservice-import.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Self-service resolutions from the CSV logs of a help centre, portal or FAQ
 * page: one row per visit, with its time, the article (its id, "KB-<id>" or
 * its title), the customer's email address (matched to a person), the
 * channel and whether the article resolved the request.  Each resolved row
 * becomes one self_service_resolution (source "import"); rows that say it
 * did not resolve the request are counted and skipped, rows already imported
 * are skipped as duplicates, and bad rows are rejected with their line and a
 * reason.  The file is read with the project's CSV reader (RFC 4180, UTF-8,
 * UTF-16, GB18030 or Windows-1252; comma, semicolon or tab), headers in
 * English or Chinese.  The whole import is one transaction on the store's
 * worker, and undoing it removes exactly the rows it made.
 *
 * Columns (header names are matched ignoring case, spaces and punctuation):
 *   time      time, timestamp, date, datetime, resolved at … 时间, 日期
 *             "2026-03-05 14:22[:10]", "2026/3/5", "2026-03-05T14:22:10Z",
 *             "+08:00" offsets, "2026年3月5日 14:22", unix seconds; local
 *             time (of the given zone) when the text names none.  Required.
 *   article   article, article id, kb, faq, title … 文章, 文章编号, 标题.  Required.
 *   email     email, customer email, user email … 邮箱, 客户邮箱
 *   channel   channel, source … 渠道, 来源 (empty: self-service)
 *   resolved  resolved, helpful, solved … 是否解决, 有帮助 (yes/no, 是/否,
 *             1/0, true/false; no column: every row resolved one request)
 *   customer type   customer type, segment … 客户类型 (b2b/b2c, 企业/个人;
 *             empty: B2B when the person works at an organization)
 */

#pragma once

#include <gio/gio.h>

#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_SELFSERVICE_IMPORT_ERROR (crm_selfservice_import_error_quark ())

/**
 * CrmSelfServiceImportError:
 * @CRM_SELFSERVICE_IMPORT_ERROR_EMPTY: the file has no header row
 * @CRM_SELFSERVICE_IMPORT_ERROR_NO_TIME_COLUMN: no column holds the time
 * @CRM_SELFSERVICE_IMPORT_ERROR_NO_ARTICLE_COLUMN: no column names the article
 * @CRM_SELFSERVICE_IMPORT_ERROR_UNDONE: the import was already undone
 */
typedef enum
{
  CRM_SELFSERVICE_IMPORT_ERROR_EMPTY,
  CRM_SELFSERVICE_IMPORT_ERROR_NO_TIME_COLUMN,
  CRM_SELFSERVICE_IMPORT_ERROR_NO_ARTICLE_COLUMN,
  CRM_SELFSERVICE_IMPORT_ERROR_UNDONE,
} CrmSelfServiceImportError;

GQuark crm_selfservice_import_error_quark (void);

/**
 * CrmSelfServiceRejection:
 * @line: the row's first line in the file (1 is the header)
 * @reason: a stable key: "csv" (the row itself is broken), "time-missing",
 *   "time-invalid", "time-future", "article-missing", "article-unknown",
 *   "article-ambiguous", "email-invalid", "channel-unknown",
 *   "resolved-unknown", "customer-kind-unknown"
 * @value: the value at fault (or the CSV reader's sentence for "csv")
 */
typedef struct
{
  guint       line;
  const char *reason;
  char       *value;
} CrmSelfServiceRejection;

/**
 * CrmSelfServiceImportResult:
 * @n_rows: data rows read
 * @n_imported: resolutions recorded
 * @n_not_resolved: rows where the article did not resolve the request
 * @n_duplicates: resolved rows imported before (or twice in the file)
 * @n_unknown_customers: of the imported, rows whose email nobody in the
 *   database has (recorded without a customer)
 * @rejected: the rejected rows (#CrmSelfServiceRejection), in file order
 * @ids: (element-type gint64): the self_service_resolution rows made
 * @encoding: the file's encoding as read
 */
typedef struct
{
  guint   n_rows;
  guint   n_imported;
  guint   n_not_resolved;
  guint   n_duplicates;
  guint   n_unknown_customers;
  GArray *rejected;
  GArray *ids;
  char   *encoding;
  /*< private >*/
  gboolean undone;
} CrmSelfServiceImportResult;

void         crm_selfservice_import_result_free (CrmSelfServiceImportResult *result);

/* The translated sentence for a rejection reason key. */
const char  *crm_selfservice_reason_get_label   (const char                 *reason);

/* Reads one time value as the log may write it (see above), in @tz when the
 * text names no zone (NULL: local time).  FALSE when it is not a time. */
gboolean     crm_selfservice_parse_time         (const char                 *text,
                                                 GTimeZone                  *tz,
                                                 gint64                     *unix_time);

/* Imports @file; @tz (nullable, local) for times without a zone. */
void         crm_selfservice_import_async       (CrmStore                   *store,
                                                 GFile                      *file,
                                                 GTimeZone                  *tz,
                                                 GCancellable               *cancellable,
                                                 GAsyncReadyCallback         callback,
                                                 gpointer                    user_data);
/* transfer full */
CrmSelfServiceImportResult *
             crm_selfservice_import_finish      (CrmStore                   *store,
                                                 GAsyncResult               *result,
                                                 GError                    **error);

/* Removes the rows @import made, in one transaction (once). */
void         crm_selfservice_import_undo_async  (CrmStore                   *store,
                                                 CrmSelfServiceImportResult *import,
                                                 GCancellable               *cancellable,
                                                 GAsyncReadyCallback         callback,
                                                 gpointer                    user_data);
gboolean     crm_selfservice_import_undo_finish (CrmStore                   *store,
                                                 GAsyncResult               *result,
                                                 GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmSelfServiceImportResult, crm_selfservice_import_result_free)

G_END_DECLS
