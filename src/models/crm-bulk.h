/* crm-bulk.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Changes to many records at once, for the lists' bulk actions: trash or
 * restore, set one field, add a tag.  The records are either a list of ids or
 * every record a query matches except some ids (a "select all" over a million
 * rows never lists them).  Each change is one transaction on the store's
 * worker, so listeners hear one change per table, and each returns a
 * CrmBulkChange that undoes exactly what it did.
 */

#pragma once

#include <gio/gio.h>

#include "crm-types.h"

G_BEGIN_DECLS

/* Which records a bulk change applies to. */
typedef struct _CrmBulkTarget CrmBulkTarget;

#define CRM_TYPE_BULK_TARGET (crm_bulk_target_get_type ())

GType          crm_bulk_target_get_type      (void) G_GNUC_CONST;
/* The records of @record_type with these ids. */
CrmBulkTarget *crm_bulk_target_new_ids       (GType          record_type,
                                              const gint64  *ids,
                                              guint          n_ids);
/* Every record @query matches (its order and limit are ignored) but
 * @except_ids. */
CrmBulkTarget *crm_bulk_target_new_query     (CrmQuery      *query,
                                              const gint64  *except_ids,
                                              guint          n_except);
CrmBulkTarget *crm_bulk_target_ref           (CrmBulkTarget *self);
void           crm_bulk_target_unref         (CrmBulkTarget *self);
GType          crm_bulk_target_get_record_type (CrmBulkTarget *self);

/* What a bulk change did, enough to undo it. */
typedef struct _CrmBulkChange CrmBulkChange;

#define CRM_TYPE_BULK_CHANGE (crm_bulk_change_get_type ())

GType          crm_bulk_change_get_type      (void) G_GNUC_CONST;
CrmBulkChange *crm_bulk_change_ref           (CrmBulkChange *self);
void           crm_bulk_change_unref         (CrmBulkChange *self);
/* How many records the change touched (those already as asked are not). */
guint          crm_bulk_change_get_n_records (CrmBulkChange *self);
/* The ids of the touched records, in no particular order; transfer none. */
const gint64  *crm_bulk_change_get_ids       (CrmBulkChange *self,
                                              guint         *n_ids);

/**
 * crm_bulk_trash_async:
 * @trashed: %TRUE to move the records to the trash, %FALSE to restore them
 *
 * Records already in the wanted state are left alone (and not undone).
 */
void           crm_bulk_trash_async          (CrmStore             *store,
                                              CrmBulkTarget        *target,
                                              gboolean              trashed,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
/**
 * crm_bulk_set_field_async:
 * @property: a text, integer, boolean or reference property ("city", "owner-id")
 * @value: a string for text columns, an int64 for the others (0 clears a
 *   reference)
 *
 * Sets one field on every live record of @target.  Sort keys and display
 * names cannot be set this way (they derive from other fields).
 */
void           crm_bulk_set_field_async      (CrmStore             *store,
                                              CrmBulkTarget        *target,
                                              const char           *property,
                                              GVariant             *value,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
/* Tags every live record of @target with @tag_name, creating the tag when
 * there is none of that name. */
void           crm_bulk_add_tag_async        (CrmStore             *store,
                                              CrmBulkTarget        *target,
                                              const char           *tag_name,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
/* Finishes any of the three; transfer full. */
CrmBulkChange *crm_bulk_finish               (CrmStore             *store,
                                              GAsyncResult         *result,
                                              GError              **error);

/* Puts back what @change changed, in one transaction. */
void           crm_bulk_undo_async           (CrmStore             *store,
                                              CrmBulkChange        *change,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean       crm_bulk_undo_finish          (CrmStore             *store,
                                              GAsyncResult         *result,
                                              GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmBulkTarget, crm_bulk_target_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmBulkChange, crm_bulk_change_unref)

G_END_DECLS
