/* crm-duplicates-fields.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of the duplicates window: the fields a merge offers a choice for, how
 * their values compare and read, and how a count of moved rows reads.
 */

#define G_LOG_DOMAIN "CrmDuplicatesWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-duplicates-window-private.h"
#include "crm-filter.h"
#include "crm-format.h"
#include "crm-organization.h"
#include "crm-person.h"
#include "crm-record.h"
#include "crm-staff-user.h"
#include "crm-store.h"

static const FieldDef person_fields[] = {
  { "display-name", N_("Name"), FIELD_TEXT },
  { "given-name", N_("Given Name"), FIELD_TEXT },
  { "family-name", N_("Family Name"), FIELD_TEXT },
  { "email", N_("Email"), FIELD_TEXT },
  { "phone", N_("Phone"), FIELD_TEXT },
  { "birth-date", N_("Birth Date"), FIELD_TEXT },
  { "gender", N_("Gender"), FIELD_TEXT },
  { "language", N_("Language"), FIELD_TEXT },
  { "address", N_("Address"), FIELD_TEXT },
  { "city", N_("City"), FIELD_TEXT },
  { "region", N_("Region"), FIELD_TEXT },
  { "country", N_("Country"), FIELD_TEXT },
  { "preferred-channel", N_("Preferred Channel"), FIELD_TEXT },
  { "consent-email", N_("Email Consent"), FIELD_BOOL },
  { "consent-sms", N_("Text Message Consent"), FIELD_BOOL },
  { "consent-phone", N_("Phone Consent"), FIELD_BOOL },
  { "is-customer", N_("Customer"), FIELD_BOOL },
  { "customer-since", N_("Customer Since"), FIELD_TEXT },
  { "owner-id", N_("Owner"), FIELD_STAFF },
  { "notes", N_("Notes"), FIELD_TEXT },
};

static const FieldDef organization_fields[] = {
  { "name", N_("Name"), FIELD_TEXT },
  { "industry", N_("Industry"), FIELD_TEXT },
  { "size-band", N_("Size"), FIELD_TEXT },
  { "annual-revenue", N_("Annual Revenue"), FIELD_MONEY },
  { "tier", N_("Tier"), FIELD_TEXT },
  { "website", N_("Website"), FIELD_TEXT },
  { "email", N_("Email"), FIELD_TEXT },
  { "phone", N_("Phone"), FIELD_TEXT },
  { "address", N_("Address"), FIELD_TEXT },
  { "city", N_("City"), FIELD_TEXT },
  { "region", N_("Region"), FIELD_TEXT },
  { "country", N_("Country"), FIELD_TEXT },
  { "parent-id", N_("Parent Organization"), FIELD_ORGANIZATION },
  { "owner-id", N_("Owner"), FIELD_STAFF },
  { "notes", N_("Notes"), FIELD_TEXT },
};

const FieldDef *
_crm_duplicates_fields (CrmDedupeKind  kind,
             guint         *n_fields)
{
  if (kind == CRM_DEDUPE_KIND_PERSON)
    {
      *n_fields = G_N_ELEMENTS (person_fields);
      return person_fields;
    }
  *n_fields = G_N_ELEMENTS (organization_fields);
  return organization_fields;
}

const FieldDef *
_crm_duplicates_find_field (CrmDedupeKind  kind,
                            const char    *property)
{
  guint n_fields;
  const FieldDef *fields = _crm_duplicates_fields (kind, &n_fields);

  for (guint f = 0; f < n_fields; f++)
    if (g_str_equal (fields[f].property, property))
      return &fields[f];
  return NULL;
}

const char *
_crm_duplicates_record_name (CrmRecord *record)
{
  const char *name = CRM_IS_PERSON (record)
                     ? crm_person_get_display_name (CRM_PERSON (record))
                     : crm_organization_get_name (CRM_ORGANIZATION (record));

  return name != NULL && name[0] != '\0' ? name : _("Unnamed");
}

/* The field's value as stored, compared between records. */
char *
_crm_duplicates_dup_raw_value (CrmRecord      *record,
               const FieldDef *field)
{
  if (field->type == FIELD_BOOL)
    return g_strdup (crm_record_get_bool (record, field->property) ? "1" : "0");
  if (field->type == FIELD_TEXT)
    return g_strdup (crm_record_get_text (record, field->property));
  if (field->type == FIELD_MONEY)
    return g_strdup_printf ("%" G_GINT64_FORMAT " %s", crm_record_get_int (record, field->property),
                            crm_record_get_text (record, "revenue-currency"));
  return g_strdup_printf ("%" G_GINT64_FORMAT, crm_record_get_int (record, field->property));
}

gboolean
_crm_duplicates_value_is_empty (CrmRecord      *record,
                const FieldDef *field)
{
  switch (field->type)
    {
    case FIELD_TEXT:
      return crm_record_get_text (record, field->property)[0] == '\0';
    case FIELD_BOOL:
      /* "No" is an answer, never filled in from another record by default. */
      return FALSE;
    default:
      return crm_record_get_int (record, field->property) == 0;
    }
}

/* A stored key ("female", "professional-services") as the filter catalog
 * names it, or NULL when the field has no such choice. */
static const char *
choice_label (CrmDedupeKind  kind,
              const char    *property,
              const char    *value)
{
  guint n_fields;
  const CrmFilterField *fields = crm_filter_fields (kind == CRM_DEDUPE_KIND_PERSON ? "person" : "organization",
                                                    &n_fields);

  for (guint f = 0; f < n_fields; f++)
    {
      if (g_strcmp0 (fields[f].property, property) != 0 || fields[f].kind != CRM_FILTER_KIND_CHOICE)
        continue;
      for (guint c = 0; c < fields[f].n_choices; c++)
        if (g_strcmp0 (fields[f].choices[c].key, value) == 0)
          return crm_filter_choice_get_label (&fields[f].choices[c]);
    }
  return NULL;
}

/* The value as the user reads it. */
char *
_crm_duplicates_dup_display_value (CrmStore       *store,
                                   CrmDedupeKind   kind,
                                   CrmRecord      *record,
                                   const FieldDef *field)
{
  gint64 id;
  CrmRecord *other;

  if (_crm_duplicates_value_is_empty (record, field))
    return g_strdup (_("Empty"));

  switch (field->type)
    {
    case FIELD_TEXT:
      {
        const char *text = crm_record_get_text (record, field->property);
        const char *label = choice_label (kind, field->property, text);

        return g_strdup (label != NULL ? label : text);
      }
    case FIELD_BOOL:
      return g_strdup (crm_record_get_bool (record, field->property) ? _("Yes") : _("No"));
    case FIELD_MONEY:
      return crm_format_money (crm_record_get_int (record, field->property),
                               crm_record_get_text (record, "revenue-currency"));
    case FIELD_STAFF:
    case FIELD_ORGANIZATION:
    default:
      id = crm_record_get_int (record, field->property);
      other = crm_store_lookup (store,
                                field->type == FIELD_STAFF ? CRM_TYPE_STAFF_USER : CRM_TYPE_ORGANIZATION,
                                id);
      /* The linked records were loaded with the cluster (see load_linked). */
      if (other != NULL)
        return g_strdup (crm_record_get_text (other, "name"));
      {
        g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

        /* Translators: %s is the number of a record that could not be loaded */
        return g_strdup_printf (_("No. %s"), number);
      }
    }
}

guint
_crm_duplicates_count_filled (CrmRecord     *record,
              CrmDedupeKind  kind)
{
  guint n_fields, n = 0;
  const FieldDef *fields = _crm_duplicates_fields (kind, &n_fields);

  for (guint f = 0; f < n_fields; f++)
    n += fields[f].type != FIELD_BOOL && !_crm_duplicates_value_is_empty (record, &fields[f]);
  return n;
}

char *
_crm_duplicates_describe_count (const char *table,
                gint64      n)
{
  gulong k = (gulong) n;

  if (g_str_equal (table, "deal"))
    return g_strdup_printf (ngettext ("%lu deal", "%lu deals", k), k);
  if (g_str_equal (table, "ticket"))
    return g_strdup_printf (ngettext ("%lu ticket", "%lu tickets", k), k);
  if (g_str_equal (table, "activity"))
    return g_strdup_printf (ngettext ("%lu activity", "%lu activities", k), k);
  if (g_str_equal (table, "affiliation"))
    return g_strdup_printf (ngettext ("%lu affiliation", "%lu affiliations", k), k);
  if (g_str_equal (table, "customer_order"))
    return g_strdup_printf (ngettext ("%lu order", "%lu orders", k), k);
  if (g_str_equal (table, "campaign_member"))
    return g_strdup_printf (ngettext ("%lu campaign membership", "%lu campaign memberships", k), k);
  if (g_str_equal (table, "record_tag"))
    return g_strdup_printf (ngettext ("%lu tag", "%lu tags", k), k);
  if (g_str_equal (table, "custom_value"))
    return g_strdup_printf (ngettext ("%lu custom field value", "%lu custom field values", k), k);
  if (g_str_equal (table, "deal_stakeholder"))
    return g_strdup_printf (ngettext ("%lu deal stakeholder role", "%lu deal stakeholder roles", k), k);
  if (g_str_equal (table, "reporting_line"))
    return g_strdup_printf (ngettext ("%lu reporting line", "%lu reporting lines", k), k);
  if (g_str_equal (table, "influence_link"))
    return g_strdup_printf (ngettext ("%lu influence link", "%lu influence links", k), k);
  if (g_str_equal (table, "map_position"))
    return g_strdup_printf (ngettext ("%lu stakeholder map position", "%lu stakeholder map positions", k), k);
  if (g_str_equal (table, "ticket_message"))
    return g_strdup_printf (ngettext ("%lu ticket message", "%lu ticket messages", k), k);
  if (g_str_equal (table, "self_service_resolution"))
    return g_strdup_printf (ngettext ("%lu self-service answer", "%lu self-service answers", k), k);
  if (g_str_equal (table, "organization"))
    return g_strdup_printf (ngettext ("%lu subsidiary", "%lu subsidiaries", k), k);
  return NULL;
}
