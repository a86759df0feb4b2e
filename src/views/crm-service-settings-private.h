/* crm-service-settings-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the Service page (crm-service-settings.c), its policy and reply
 * dialogs (crm-service-settings-dialogs.c) and the calendar subpage.
 */

#pragma once

#include "crm-service-settings.h"
#include "crm-service-config.h"

G_BEGIN_DECLS

/* What Undo does: trash a row that was added, restore one that was
 * trashed, or save a policy or a reply as it was before an edit. */
typedef enum
{
  SERVICE_UNDO_TRASH,
  SERVICE_UNDO_RESTORE,
  SERVICE_UNDO_POLICY,
  SERVICE_UNDO_REPLY,
} ServiceUndoKind;

typedef struct
{
  ServiceUndoKind   kind;
  CrmServiceItem    item;
  gint64            id;
  CrmServicePolicy *policy;
  CrmServiceReply  *reply;
} ServiceUndo;

struct _CrmServiceSettings
{
  AdwPreferencesPage        parent_instance;

  CrmContext               *context;
  GCancellable             *cancellable;
  CrmServiceConfig         *config;
  GStrv                     tiers;
  GPtrArray                *rows[3];        /* rows added to the calendars, policies, replies groups */
  GtkStringList            *staff_names;
  ServiceUndo              *undo;           /* the newest change's */
  AdwToast                 *undo_toast;
  CrmServiceCalendarEditor *editor;         /* weak: the calendar subpage shown */
  guint                     reload_source;
  guint                     alert_source;
  gboolean                  filling;        /* widgets are being set from the data */

  /* template widgets */
  AdwComboRow              *you_row;
  AdwExpanderRow           *alerts_row;
  GtkSpinButton            *alert_spin;
  AdwPreferencesGroup      *calendars_group;
  AdwPreferencesGroup      *policies_group;
  AdwPreferencesGroup      *replies_group;
};

/* crm-service-settings.c */
CrmStore   *_crm_service_settings_get_store   (CrmServiceSettings *self);
/* Shows @title in a toast; with @undo (taken) it offers Undo. */
void        _crm_service_settings_toast       (CrmServiceSettings *self,
                                               const char         *title,
                                               ServiceUndo        *undo);
ServiceUndo *_crm_service_undo_new            (ServiceUndoKind     kind,
                                               CrmServiceItem      item,
                                               gint64              id);
void        _crm_service_undo_free            (ServiceUndo        *undo);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ServiceUndo, _crm_service_undo_free)
/* "30 min", "4 h", "2 h 30 min"; transfer full. */
char       *_crm_service_format_minutes       (int                 minutes);
/* The names of keys: priorities ("" any), tiers ("" any), languages. */
const char *_crm_service_priority_label       (const char         *priority);
char       *_crm_service_tier_label           (const char         *tier);
const char *_crm_service_language_label       (const char         *language);

/* crm-service-settings-dialogs.c: @policy / @reply NULL to add one. */
void        _crm_service_settings_edit_policy (CrmServiceSettings     *self,
                                               const CrmServicePolicy *policy);
void        _crm_service_settings_edit_reply  (CrmServiceSettings     *self,
                                               const CrmServiceReply  *reply);

/* crm-service-settings-actions.c: the "service." actions */
void        _crm_service_settings_edit_calendar_action (GtkWidget  *widget,
                                                      const char *action_name,
                                                      GVariant   *parameter);
void        _crm_service_settings_add_calendar_action (GtkWidget  *widget,
                                                     const char *action_name,
                                                     GVariant   *parameter);
void        _crm_service_settings_add_policy_action (GtkWidget  *widget,
                                                   const char *action_name,
                                                   GVariant   *parameter);
void        _crm_service_settings_edit_policy_action (GtkWidget  *widget,
                                                    const char *action_name,
                                                    GVariant   *parameter);
void        _crm_service_settings_add_reply_action (GtkWidget  *widget,
                                                  const char *action_name,
                                                  GVariant   *parameter);
void        _crm_service_settings_edit_reply_action (GtkWidget  *widget,
                                                   const char *action_name,
                                                   GVariant   *parameter);
void        _crm_service_settings_delete_policy_action (GtkWidget  *widget,
                                                      const char *action_name,
                                                      GVariant   *parameter);
void        _crm_service_settings_delete_reply_action (GtkWidget  *widget,
                                                     const char *action_name,
                                                     GVariant   *parameter);

G_END_DECLS
