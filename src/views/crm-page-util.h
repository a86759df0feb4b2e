/* crm-page-util.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the record pages (person, organization, deal, ticket): loading
 * small related lists off the UI thread, rows for them, and the names of
 * stored keys.
 */

#pragma once

#include <adwaita.h>

#include "crm-types.h"
#include "crm-activity.h"
#include "crm-affiliation.h"
#include "crm-context.h"
#include "crm-deal.h"
#include "crm-related.h"
#include "crm-stakeholder-coverage.h"
#include "crm-ticket.h"

G_BEGIN_DECLS

/* Called with the loaded records (never on cancellation); @widget is the one
 * given to crm_page_query(), kept alive until then. */
typedef void (*CrmPageLoadedFunc) (GtkWidget  *widget,
                                   GListModel *records);
typedef void (*CrmPageRecordFunc) (GtkWidget  *widget,
                                   CrmRecord  *record);
typedef GtkWidget *(*CrmPageRowFunc) (gpointer   item,
                                      gpointer   user_data);

void        crm_page_query              (GtkWidget         *widget,
                                         CrmStore          *store,
                                         CrmQuery          *query,
                                         GCancellable      *cancellable,
                                         CrmPageLoadedFunc  func);
/* Loads one record (0 or a missing one: @func is not called). */
void        crm_page_load               (GtkWidget         *widget,
                                         CrmStore          *store,
                                         GType              type,
                                         gint64             id,
                                         GCancellable      *cancellable,
                                         CrmPageRecordFunc  func);
/* Replaces the rows of @list by one per item of @records. */
void        crm_page_fill_list          (GtkListBox        *list,
                                         GListModel        *records,
                                         CrmPageRowFunc     func,
                                         gpointer           user_data);
/* A boxed list with a dim placeholder row saying @empty_text. */
/* Says in @group's description when @n_rows reached @limit: only the latest
 * rows are shown (clears it otherwise). */
void        crm_page_note_limit         (AdwPreferencesGroup *group,
                                         guint              n_rows,
                                         guint              limit);
GtkListBox *crm_page_new_list           (const char        *empty_text,
                                         const char        *accessible_label);
/* A list from crm_page_new_list() added to @group (accessible name: the
 * group's title) and named @name for tests and the inspector. */
GtkListBox *crm_page_add_list           (AdwPreferencesGroup *group,
                                         const char        *name,
                                         const char        *empty_text);
/* Sets @row's subtitle to @value, or to a dimmed "Not set" when empty. */
void        crm_page_set_row_value      (AdwActionRow      *row,
                                         const char        *value);
/* A model for a combo row: @none_label, then the labels of the keys of
 * @domain in order (position i + 1 is key i); transfer full. */
GListModel *crm_page_new_key_model      (const char        *domain,
                                         const char        *none_label);
/* An AdwActionRow whose title and subtitle are plain text (not markup). */
AdwActionRow *crm_page_new_row          (const char        *title,
                                         const char        *subtitle);
/* Makes @row open a record: activating it runs win.show-record. */
void        crm_page_row_set_target     (AdwActionRow      *row,
                                         const char        *kind,
                                         gint64             id);
/* Sets @row's title to the name of the record @id of @type once loaded. */
void        crm_page_row_load_title     (AdwActionRow      *row,
                                         CrmStore          *store,
                                         GType              type,
                                         gint64             id,
                                         GCancellable      *cancellable);
/* A timeline row for a CrmActivity: kind icon (a check button for tasks),
 * summary, body, date and owner. */
GtkWidget  *crm_page_new_activity_row   (CrmActivity       *activity,
                                         GHashTable        *staff_names);
/* A deal: name, stage and amount. */
GtkWidget  *crm_page_new_deal_row       (CrmDeal           *deal,
                                         CrmRelatedNames   *names);
/* A person's place at an organization, as a row that opens the record of
 * @type at its other end (CRM_TYPE_PERSON or CRM_TYPE_ORGANIZATION): titled
 * with its name once loaded, subtitled with the job title and stakeholder
 * role. */
AdwActionRow *crm_page_new_affiliation_row (CrmAffiliation *affiliation,
                                           GType           type,
                                           CrmStore       *store,
                                           GCancellable   *cancellable);
/* A ticket: number and subject, status. */
GtkWidget  *crm_page_new_ticket_row     (CrmTicket         *ticket);
/* A coverage insight of a stakeholder map: its sentence and an icon for
 * its kind. */
AdwActionRow *crm_page_new_insight_row  (const CrmCoverageFinding *finding,
                                         CrmStakeholderMap        *map,
                                         const CrmCoverageRules   *rules);
/* After how many days without contact a stakeholder counts as stale (the
 * "stakeholder-stale-days" setting; 30 without it). */
guint       crm_page_get_stale_days     (CrmContext        *context);

/* The custom fields of @target for @record_id as entry rows in @list
 * (crm-page-custom.c); @group hides while no field is defined. */
void        crm_page_load_custom_fields (AdwPreferencesGroup *group,
                                         GtkListBox          *list,
                                         CrmStore            *store,
                                         const char          *target,
                                         gint64               record_id,
                                         GCancellable        *cancellable);

/* Edit modes (crm-page-edit.c): invalid entries are marked and their
 * reasons collected; nothing is saved while there is one. */
typedef struct
{
  GString   *messages;
  GtkWidget *first_bad;
} CrmPageProblems;

void        crm_page_problems_init      (CrmPageProblems   *problems);
void        crm_page_problems_clear     (CrmPageProblems   *problems);
void        crm_page_report             (CrmPageProblems   *problems,
                                         AdwEntryRow       *entry,
                                         const char        *message);
/* Shows the reasons in @error_label and focuses the first bad entry;
 * FALSE (and the label hidden) when there was no problem. */
gboolean    crm_page_problems_show      (CrmPageProblems   *problems,
                                         GtkLabel          *error_label);
void        crm_page_set_entry          (AdwEntryRow       *entry,
                                         const char        *text);
/* The trimmed text; transfer full. */
char       *crm_page_dup_entry          (AdwEntryRow       *entry);
void        crm_page_clear_error        (AdwEntryRow       *entry);
void        crm_page_set_text_if_changed (CrmRecord        *record,
                                          const char       *property,
                                          const char       *value);
/* "1,250,000.50" in major units of @currency → minor units; FALSE when the
 * text is no amount (or has more decimals than the currency). */
gboolean    crm_page_parse_amount       (const char        *text,
                                         const char        *currency,
                                         gint64            *amount);
/* The plain form of @amount for an entry, "1250000.50" ("" for 0);
 * transfer full. */
char       *crm_page_format_amount      (gint64             amount,
                                         const char        *currency);
/* Each returns the normalised value ("" for an empty entry), or NULL after
 * reporting why the entry is invalid.  Phones become E.164, with @country
 * or else the user's region for numbers written without a country code. */
char       *crm_page_check_email        (AdwEntryRow       *entry,
                                         CrmPageProblems   *problems);
/* A three-letter currency code, upper case (an empty entry is an error too). */
char       *crm_page_check_currency     (AdwEntryRow       *entry,
                                         CrmPageProblems   *problems);
/* "" or a calendar date written as YYYY-MM-DD; @message says why not. */
char       *crm_page_check_date         (AdwEntryRow       *entry,
                                         const char        *message,
                                         CrmPageProblems   *problems);
char       *crm_page_check_country      (AdwEntryRow       *entry,
                                         CrmPageProblems   *problems);
char       *crm_page_check_phone        (AdwEntryRow       *entry,
                                         const char        *country,
                                         CrmPageProblems   *problems);

/* The contact details that the person and organization pages edit alike;
 * their properties are "email", "phone", "address", "city", "region" and
 * "country". */
typedef struct
{
  AdwEntryRow *email;
  AdwEntryRow *phone;
  AdwEntryRow *address;
  AdwEntryRow *city;
  AdwEntryRow *region;
  AdwEntryRow *country;
} CrmPageContactEntries;

/* The checked values, normalised; freed with crm_page_contact_clear(). */
typedef struct
{
  char *email;
  char *phone;
  char *country;
} CrmPageContact;

/* For class_init: binds the template children email_entry, phone_entry,
 * address_entry, city_entry, region_entry and country_entry to the
 * CrmPageContactEntries at @offset in the instance. */
void        crm_page_class_bind_contact_entries (GtkWidgetClass *widget_class,
                                                 gssize          offset);
/* Clears an entry's error state as soon as its value is touched. */
void        crm_page_contact_init       (const CrmPageContactEntries *entries);
void        crm_page_contact_fill       (const CrmPageContactEntries *entries,
                                         CrmRecord                   *record);
/* Checks the email, the country and the phone number, in this order. */
void        crm_page_contact_check      (const CrmPageContactEntries *entries,
                                         CrmPageContact              *contact,
                                         CrmPageProblems             *problems);
void        crm_page_contact_store      (const CrmPageContactEntries *entries,
                                         const CrmPageContact        *contact,
                                         CrmRecord                   *record);
void        crm_page_contact_clear      (CrmPageContact              *contact);

/* Translated names of stored keys; the key itself when it is unknown, ""
 * for "".  @domain: "gender", "channel", "industry", "size", "tier",
 * "stage-kind", "ticket-status", "order-status", "role", "activity". */
const char *crm_page_describe_key       (const char        *domain,
                                         const char        *key);
/* The keys of @domain, NULL-terminated; transfer none. */
const char * const *crm_page_list_keys  (const char        *domain);
/* "Given Family", or "FamilyGiven" for CJK names. */
char       *crm_page_compose_name       (const char        *given,
                                         const char        *family);
/* An E.164 number (with an optional ";ext=") spaced for reading:
 * "+86 138 0013 8000"; anything else as it is.  Transfer full. */
char       *crm_page_format_phone       (const char        *phone);
/* Age in whole years on @today (unix seconds) from "YYYY-MM-DD"; -1 when
 * the date does not parse or lies ahead. */
int         crm_page_age_from_birth_date (const char       *birth_date,
                                          gint64            today);

G_END_DECLS
