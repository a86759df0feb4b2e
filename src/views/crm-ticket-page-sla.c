/* crm-ticket-page-sla.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ticket page's SLA clocks: the first response and the resolution, each
 * running (time left), breached, paused while the ticket waits on the
 * customer, met, met late, or stopped.  The state is a plain struct worked
 * out from the ticket's columns and the time (_crm_ticket_page_sla_clock()),
 * then worded in the header line and the Service Level rows; a timer words
 * it again every minute while the page is shown.
 */

#define G_LOG_DOMAIN "CrmTicketPage"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-ticket-page-private.h"
#include "crm-format.h"
#include "crm-page-util.h"
#include "crm-sla-policy.h"

/* Under this much time left a running clock shows as a warning. */
#define SOON_SECONDS (60 * 60)

void
_crm_ticket_page_sla_clock (CrmTicketPageSlaClock *clock,
                           gint64                 due,
                           gint64                 done,
                           const char            *status,
                           gint64                 waiting_since,
                           gint64                 now)
{
  gboolean finished = g_strcmp0 (status, "resolved") == 0 || g_strcmp0 (status, "closed") == 0;
  gboolean paused = g_strcmp0 (status, "waiting-on-customer") == 0;

  clock->due = due;
  clock->done = done;
  clock->left = 0;

  if (due <= 0)
    clock->state = CRM_SLA_CLOCK_NONE;
  else if (done > 0)
    clock->state = done <= due ? CRM_SLA_CLOCK_MET : CRM_SLA_CLOCK_LATE;
  else if (finished)
    clock->state = CRM_SLA_CLOCK_STOPPED;
  else if (paused)
    {
      /* The clock stands where the wait began. */
      clock->state = CRM_SLA_CLOCK_PAUSED;
      clock->left = due - (waiting_since > 0 ? waiting_since : now);
      if (clock->left <= 0)
        clock->state = CRM_SLA_CLOCK_BREACHED;
    }
  else
    {
      clock->left = due - now;
      if (clock->left <= 0)
        clock->state = CRM_SLA_CLOCK_BREACHED;
      else if (clock->left < SOON_SECONDS)
        clock->state = CRM_SLA_CLOCK_SOON;
      else
        clock->state = CRM_SLA_CLOCK_RUNNING;
    }
}

char *
_crm_ticket_page_format_duration (gint64 seconds)
{
  guint64 s = (guint64) ABS (seconds);
  guint days = (guint) (s / 86400), hours = (guint) ((s % 86400) / 3600),
        minutes = (guint) ((s % 3600) / 60);

  if (s < 60)
    return g_strdup (C_("duration", "less than a minute"));
  if (s < 3600)
    /* Translators: a duration in minutes, "25 min" */
    return g_strdup_printf (C_("duration", "%u min"), minutes);
  if (s < 86400 && minutes == 0)
    /* Translators: a duration in whole hours, "3 h" */
    return g_strdup_printf (C_("duration", "%u h"), hours);
  if (s < 86400)
    /* Translators: a duration in hours and minutes, "3 h 25 min" */
    return g_strdup_printf (C_("duration", "%1$u h %2$u min"), hours, minutes);
  if (hours == 0)
    /* Translators: a duration in whole days, "2 d" */
    return g_strdup_printf (C_("duration", "%u d"), days);

  /* Translators: a duration in days and hours, "2 d 5 h" */
  return g_strdup_printf (C_("duration", "%1$u d %2$u h"), days, hours);
}

static void
get_clocks (CrmTicketPage         *self,
            CrmTicketPageSlaClock *first,
            CrmTicketPageSlaClock *resolution)
{
  CrmTicket *t = _crm_ticket_page_get_ticket (self);
  const char *status = crm_ticket_get_status (t);
  gint64 now = _crm_ticket_page_get_now (self);
  gint64 resolved = crm_ticket_get_resolved (t) != 0 ? crm_ticket_get_resolved (t)
                                                      : crm_ticket_get_closed (t);

  _crm_ticket_page_sla_clock (first, crm_ticket_get_first_response_due (t),
                             crm_ticket_get_first_response (t), status,
                             crm_ticket_get_waiting_since (t), now);
  _crm_ticket_page_sla_clock (resolution, crm_ticket_get_resolution_due (t), resolved, status,
                             crm_ticket_get_waiting_since (t), now);
}

/* The header's one line: the clock that matters now. */
static char *
describe_current (const CrmTicketPageSlaClock *first,
                  const CrmTicketPageSlaClock *resolution)
{
  gboolean answering = first->state != CRM_SLA_CLOCK_NONE && first->done == 0 &&
                       first->state != CRM_SLA_CLOCK_STOPPED;
  const CrmTicketPageSlaClock *clock = answering ? first : resolution;
  g_autofree char *span = _crm_ticket_page_format_duration (clock->left);

  switch (clock->state)
    {
    case CRM_SLA_CLOCK_RUNNING:
    case CRM_SLA_CLOCK_SOON:
      return answering
             /* Translators: %s is a duration, "2 h 10 min" */
             ? g_strdup_printf (_("First response due in %s"), span)
             /* Translators: %s is a duration, "1 d 3 h" */
             : g_strdup_printf (_("Resolution due in %s"), span);

    case CRM_SLA_CLOCK_BREACHED:
      return answering
             /* Translators: %s is a duration, "40 min" */
             ? g_strdup_printf (_("First response overdue by %s"), span)
             /* Translators: %s is a duration, "3 h" */
             : g_strdup_printf (_("Resolution overdue by %s"), span);

    case CRM_SLA_CLOCK_PAUSED:
      /* Translators: the SLA clock stopped while the customer is to answer; %s is the time left */
      return g_strdup_printf (_("SLA paused while waiting on the customer · %s left"), span);

    case CRM_SLA_CLOCK_MET:
      return g_strdup (_("Resolved within the SLA"));

    case CRM_SLA_CLOCK_LATE:
      {
        g_autofree char *late = _crm_ticket_page_format_duration (clock->done - clock->due);

        /* Translators: %s is a duration, "3 h" */
        return g_strdup_printf (_("Resolved %s after the SLA target"), late);
      }

    case CRM_SLA_CLOCK_STOPPED:
    case CRM_SLA_CLOCK_NONE:
    default:
      return g_strdup (_("No SLA target"));
    }
}

static const char *
clock_icon (CrmSlaClockState state)
{
  switch (state)
    {
    case CRM_SLA_CLOCK_BREACHED:
    case CRM_SLA_CLOCK_LATE:
      return "dialog-warning-symbolic";
    case CRM_SLA_CLOCK_PAUSED:
      return "media-playback-pause-symbolic";
    case CRM_SLA_CLOCK_MET:
      return "object-select-symbolic";
    case CRM_SLA_CLOCK_RUNNING:
    case CRM_SLA_CLOCK_SOON:
    case CRM_SLA_CLOCK_STOPPED:
    case CRM_SLA_CLOCK_NONE:
    default:
      return "alarm-symbolic";
    }
}

static const char *
clock_class (CrmSlaClockState state)
{
  switch (state)
    {
    case CRM_SLA_CLOCK_BREACHED:
    case CRM_SLA_CLOCK_LATE:
      return "error";
    case CRM_SLA_CLOCK_SOON:
      return "warning";
    case CRM_SLA_CLOCK_MET:
      return "success";
    case CRM_SLA_CLOCK_PAUSED:
    case CRM_SLA_CLOCK_STOPPED:
    case CRM_SLA_CLOCK_NONE:
      return "dim-label";
    case CRM_SLA_CLOCK_RUNNING:
    default:
      return NULL;
    }
}

/* One Service Level row: when the target is or was, and how it stands. */
static char *
describe_row (const CrmTicketPageSlaClock *clock,
              gboolean                     first_response)
{
  g_autofree char *due = clock->due > 0 ? crm_format_date_time (clock->due) : NULL;
  g_autofree char *span = _crm_ticket_page_format_duration (clock->left);

  switch (clock->state)
    {
    case CRM_SLA_CLOCK_RUNNING:
    case CRM_SLA_CLOCK_SOON:
      /* Translators: a due date and time, and the time left, "Due 3 Nov 14:05 · 2 h left" */
      return g_strdup_printf (_("Due %1$s · %2$s left"), due, span);

    case CRM_SLA_CLOCK_BREACHED:
      /* Translators: a due date and time, and by how much it passed,
       * "Was due 3 Nov 14:05 · overdue by 2 h" */
      return g_strdup_printf (_("Was due %1$s · overdue by %2$s"), due, span);

    case CRM_SLA_CLOCK_PAUSED:
      /* Translators: %s is the time left when the clock stopped, "2 h 10 min" */
      return g_strdup_printf (_("Paused while waiting on the customer · %s left"), span);

    case CRM_SLA_CLOCK_MET:
      {
        g_autofree char *done = crm_format_date_time (clock->done);

        return first_response
               /* Translators: when the first reply went out, "Answered 3 Nov 14:05 · on time" */
               ? g_strdup_printf (_("Answered %s · on time"), done)
               /* Translators: when the ticket was resolved, "Resolved 3 Nov 14:05 · on time" */
               : g_strdup_printf (_("Resolved %s · on time"), done);
      }

    case CRM_SLA_CLOCK_LATE:
      {
        g_autofree char *done = crm_format_date_time (clock->done);
        g_autofree char *late = _crm_ticket_page_format_duration (clock->done - clock->due);

        return first_response
               /* Translators: when the first reply went out and how late,
                * "Answered 3 Nov 14:05 · 2 h late" */
               ? g_strdup_printf (_("Answered %1$s · %2$s late"), done, late)
               /* Translators: when the ticket was resolved and how late,
                * "Resolved 3 Nov 14:05 · 2 h late" */
               : g_strdup_printf (_("Resolved %1$s · %2$s late"), done, late);
      }

    case CRM_SLA_CLOCK_STOPPED:
      return g_strdup (_("The ticket was resolved without a reply"));

    case CRM_SLA_CLOCK_NONE:
    default:
      return g_strdup (_("No target"));
    }
}

/* With @alarms_only (rows), only breaches and clocks about to run out stand
 * out. */
static void
set_state_class (GtkWidget        *widget,
                 CrmSlaClockState  state,
                 gboolean          alarms_only)
{
  static const char * const classes[] = { "error", "warning", "success", "dim-label" };
  const char *current = clock_class (state);

  if (alarms_only && g_strcmp0 (current, "error") != 0 && g_strcmp0 (current, "warning") != 0)
    current = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (widget, classes[i]);
  if (current != NULL)
    gtk_widget_add_css_class (widget, current);
}

void
_crm_ticket_page_update_sla (CrmTicketPage *self)
{
  CrmTicketPageSlaClock first, resolution;
  const CrmTicketPageSlaClock *current;
  g_autofree char *line = NULL;
  g_autofree char *text = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *resolution_text = NULL;
  const char *policy = self->policy != NULL ? crm_sla_policy_get_name (CRM_SLA_POLICY (self->policy))
                                            : NULL;

  get_clocks (self, &first, &resolution);
  current = first.state != CRM_SLA_CLOCK_NONE && first.done == 0 &&
            first.state != CRM_SLA_CLOCK_STOPPED ? &first : &resolution;

  line = describe_current (&first, &resolution);
  if (policy != NULL && policy[0] != '\0')
    /* Translators: the SLA state and the name of the ticket's SLA policy,
     * "First response due in 2 h · Premium support policy" */
    text = g_strdup_printf (C_("sla line", "%1$s · %2$s policy"), line, policy);
  else
    text = g_steal_pointer (&line);
  gtk_label_set_label (self->sla_label, text);
  gtk_image_set_from_icon_name (self->sla_icon, clock_icon (current->state));
  set_state_class (self->sla_box, current->state, FALSE);
  gtk_widget_set_name (self->sla_box, current->state == CRM_SLA_CLOCK_BREACHED ? "sla-breached"
                                      : current->state == CRM_SLA_CLOCK_PAUSED ? "sla-paused"
                                      : "sla");

  crm_page_set_row_value (self->policy_row, policy);
  first_text = describe_row (&first, TRUE);
  resolution_text = describe_row (&resolution, FALSE);
  adw_action_row_set_subtitle (self->first_response_row, first_text);
  adw_action_row_set_subtitle (self->resolution_row, resolution_text);
  set_state_class (GTK_WIDGET (self->first_response_row), first.state, TRUE);
  set_state_class (GTK_WIDGET (self->resolution_row), resolution.state, TRUE);
}

static gboolean
on_clock_tick_cb (gpointer user_data)
{
  CrmTicketPage *self = user_data;

  _crm_ticket_page_update_sla (self);

  return G_SOURCE_CONTINUE;
}

void
_crm_ticket_page_start_clock (CrmTicketPage *self)
{
  if (self->clock_id == 0)
    self->clock_id = g_timeout_add_seconds (60, on_clock_tick_cb, self);
}

void
_crm_ticket_page_stop_clock (CrmTicketPage *self)
{
  g_clear_handle_id (&self->clock_id, g_source_remove);
}
