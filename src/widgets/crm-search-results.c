/* crm-search-results.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A search returns at most a few dozen hits, so the rows are a GtkListBox
 * built afresh for each answer, with a header above the first row of each
 * kind.
 */

#define G_LOG_DOMAIN "CrmSearchResults"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-search-results.h"
#include "crm-search-hit.h"

struct _CrmSearchResults
{
  GtkWidget   parent_instance;

  guint       n_results;

  /* template widgets */
  GtkStack   *stack;
  GtkListBox *list_box;
  GtkLabel   *empty_label;
};

enum {
  HIT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CrmSearchResults, crm_search_results, GTK_TYPE_WIDGET)

static const char *
kind_heading (CrmSearchKind kind)
{
  switch (kind)
    {
    case CRM_SEARCH_KIND_PERSON:
      return C_("search results heading", "People");
    case CRM_SEARCH_KIND_ORGANIZATION:
      return C_("search results heading", "Organizations");
    case CRM_SEARCH_KIND_DEAL:
      return C_("search results heading", "Deals");
    case CRM_SEARCH_KIND_TICKET:
    default:
      return C_("search results heading", "Tickets");
    }
}

/* @text with the first case-insensitive occurrence of @needle in bold, as
 * Pango markup; transfer full. */
static char *
highlight (const char *text,
           const char *needle)
{
  g_autofree char *folded_needle = NULL;
  glong needle_chars;

  if (text == NULL)
    return g_strdup ("");
  if (needle == NULL || needle[0] == '\0')
    return g_markup_escape_text (text, -1);

  folded_needle = g_utf8_casefold (needle, -1);
  needle_chars = g_utf8_strlen (needle, -1);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *end = p;
      g_autofree char *folded = NULL;

      for (glong i = 0; i < needle_chars && *end != '\0'; i++)
        end = g_utf8_next_char (end);
      folded = g_utf8_casefold (p, end - p);
      if (g_str_equal (folded, folded_needle))
        {
          g_autofree char *before = g_markup_escape_text (text, p - text);
          g_autofree char *match = g_markup_escape_text (p, end - p);
          g_autofree char *after = g_markup_escape_text (end, -1);

          return g_strdup_printf ("%s<b>%s</b>%s", before, match, after);
        }
      if (*end == '\0')
        break;
    }

  return g_markup_escape_text (text, -1);
}

static GtkWidget *
new_label (const char *markup,
           const char *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (style != NULL)
    {
      gtk_widget_add_css_class (label, style);
      gtk_widget_add_css_class (label, "dim-label");
    }
  return label;
}

static GtkWidget *
new_row (CrmSearchHit *hit,
         const char   *text)
{
  g_autofree char *title = highlight (crm_search_hit_get_title (hit), text);
  g_autofree char *subtitle = highlight (crm_search_hit_get_subtitle (hit), text);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  const char *plain_subtitle = crm_search_hit_get_subtitle (hit);

  gtk_widget_add_css_class (box, "search-hit");
  gtk_box_append (GTK_BOX (box), new_label (title, NULL));
  if (plain_subtitle != NULL && plain_subtitle[0] != '\0')
    gtk_box_append (GTK_BOX (box), new_label (subtitle, "caption"));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* The keyboard stays in the search entry; a click must not take it away. */
  gtk_widget_set_focusable (row, FALSE);
  g_object_set_data_full (G_OBJECT (row), "hit", g_object_ref (hit), g_object_unref);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, crm_search_hit_get_title (hit),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  plain_subtitle != NULL ? plain_subtitle : "",
                                  -1);
  return row;
}

static void
update_header_cb (GtkListBoxRow *row,
                  GtkListBoxRow *before,
                  gpointer       user_data)
{
  CrmSearchHit *hit = g_object_get_data (G_OBJECT (row), "hit");
  CrmSearchHit *prev = before != NULL ? g_object_get_data (G_OBJECT (before), "hit") : NULL;
  GtkWidget *header;

  if (prev != NULL && crm_search_hit_get_kind (prev) == crm_search_hit_get_kind (hit))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (kind_heading (crm_search_hit_get_kind (hit)));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "search-kind-header");
  gtk_list_box_row_set_header (row, header);
}

static void
on_row_activated_cb (CrmSearchResults *self,
                     GtkListBoxRow    *row,
                     GtkListBox       *list_box)
{
  CrmSearchHit *hit = g_object_get_data (G_OBJECT (row), "hit");

  if (hit != NULL)
    g_signal_emit (self, signals[HIT_ACTIVATED], 0, hit);
}

static void
crm_search_results_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_SEARCH_RESULTS);

  G_OBJECT_CLASS (crm_search_results_parent_class)->dispose (object);
}

static void
crm_search_results_class_init (CrmSearchResultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_search_results_dispose;

  /**
   * CrmSearchResults::hit-activated:
   * @hit: the #CrmSearchHit
   *
   * A hit was clicked or chosen with the keyboard.
   */
  signals[HIT_ACTIVATED] =
    g_signal_new ("hit-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, CRM_TYPE_SEARCH_HIT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/crm-search-results.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmSearchResults, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchResults, list_box);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchResults, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_search_results_init (CrmSearchResults *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_header_func (self->list_box, update_header_cb, NULL, NULL);
}

GtkWidget *
crm_search_results_new (void)
{
  return g_object_new (CRM_TYPE_SEARCH_RESULTS, NULL);
}

void
crm_search_results_set_results (CrmSearchResults *self,
                                GListModel       *hits,
                                const char       *text)
{
  GtkWidget *child;
  guint n;

  g_return_if_fail (CRM_IS_SEARCH_RESULTS (self));
  g_return_if_fail (hits == NULL || G_IS_LIST_MODEL (hits));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  n = hits != NULL ? g_list_model_get_n_items (hits) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmSearchHit) hit = g_list_model_get_item (hits, i);
      gtk_list_box_append (self->list_box, new_row (hit, text));
    }
  self->n_results = n;

  if (n == 0)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is what the user searched for */
      message = g_strdup_printf (_("No results for “%s”"), text != NULL ? text : "");
      gtk_label_set_label (self->empty_label, message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "results");
      gtk_list_box_select_row (self->list_box, NULL);
    }
}

guint
crm_search_results_get_n_results (CrmSearchResults *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH_RESULTS (self), 0);

  return self->n_results;
}

void
crm_search_results_move (CrmSearchResults *self,
                         int               delta)
{
  GtkListBoxRow *row;
  int index;

  g_return_if_fail (CRM_IS_SEARCH_RESULTS (self));

  if (self->n_results == 0)
    return;

  row = gtk_list_box_get_selected_row (self->list_box);
  index = row != NULL ? gtk_list_box_row_get_index (row) + delta : 0;
  index = CLAMP (index, 0, (int) self->n_results - 1);
  row = gtk_list_box_get_row_at_index (self->list_box, index);
  gtk_list_box_select_row (self->list_box, row);

  /* Keep the highlighted row in view inside the scrolled results. */
  if (row != NULL)
    {
      GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self->list_box),
                                                     GTK_TYPE_SCROLLED_WINDOW);
      GtkAdjustment *adjustment = scrolled != NULL
        ? gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)) : NULL;
      graphene_rect_t bounds;

      if (adjustment != NULL &&
          gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self->list_box), &bounds))
        gtk_adjustment_clamp_page (adjustment, bounds.origin.y, bounds.origin.y + bounds.size.height);
    }
}

GObject *
crm_search_results_get_selected (CrmSearchResults *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (CRM_IS_SEARCH_RESULTS (self), NULL);

  row = gtk_list_box_get_selected_row (self->list_box);
  return row != NULL ? g_object_get_data (G_OBJECT (row), "hit") : NULL;
}

gboolean
crm_search_results_activate_selected (CrmSearchResults *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (CRM_IS_SEARCH_RESULTS (self), FALSE);

  if ((row = gtk_list_box_get_selected_row (self->list_box)) == NULL)
    return FALSE;

  on_row_activated_cb (self, row, self->list_box);
  return TRUE;
}
