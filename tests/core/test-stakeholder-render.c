/* test-stakeholder-render.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "crm-stakeholder-layout.h"
#include "crm-stakeholder-render.h"
#include "crm-test-util.h"

#define NOW ((gint64) 1795000000)
#define DAY ((gint64) 86400)

typedef struct
{
  gint64      id;
  const char *name;
  const char *title;
  const char *department;
  const char *initials;
  const char *role;
  const char *influence;
  const char *attitude;
  gint64      days_ago;   /* -1: never */
} Person;

static const Person people[] = {
  { 1, "Wang Fang 王芳", "Chief Technology Officer", "Engineering", "王", "decision-maker", "high", "supporter", 3 },
  { 2, "李伟", "首席执行官", "Board", "李", "economic-buyer", "high", "neutral", -1 },
  { 3, "Emma Schmidt", "Head of IT Security", "Engineering", "ES", "technical-evaluator", "medium", "opponent", 100 },
  { 4, "张敏", "采购经理", "Finance", "张", "gatekeeper", "low", "neutral", 10 },
  { 5, "Daniel Okafor", "Developer", "Engineering", "DO", "champion", "medium", "supporter", 2 },
  { 6, "陈静", "Chief Financial Officer", "Finance", "陈", "blocker", "high", "opponent", 45 },
  { 7, "Sofia Rossi", "", "", "SR", "", "low", "neutral", 1 },
};

static CrmStakeholderMap *
small_map (void)
{
  CrmStakeholderMap *map = crm_stakeholder_map_new (CRM_MAP_SCOPE_ORGANIZATION, 1, "云杉科技 Spruce Tech");
  static const gint64 lines[][2] = { { 1, 2 }, { 6, 2 }, { 3, 1 }, { 5, 1 }, { 4, 6 }, { 4, 1 } };
  static const struct { gint64 from, to; const char *strength; } links[] = {
    { 5, 1, "high" }, { 3, 6, "medium" }, { 6, 3, "low" }, { 2, 4, "medium" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      const Person *p = &people[i];
      CrmMapNode node = {
        p->id, (char *) p->name, (char *) p->title, (char *) p->department, (char *) p->initials,
        (char *) p->role, (char *) p->influence, (char *) p->attitude, "",
        p->days_ago < 0 ? 0 : NOW - p->days_ago * DAY, FALSE, 0, 0,
      };

      crm_stakeholder_map_add_node (map, &node);
    }
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      CrmMapEdge edge = { CRM_MAP_EDGE_REPORTS_TO, 0, lines[i][0], lines[i][1], NULL };

      crm_stakeholder_map_add_edge (map, &edge);
    }
  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      CrmMapEdge edge = { CRM_MAP_EDGE_INFLUENCES, 0, links[i].from, links[i].to,
                          (char *) links[i].strength };

      crm_stakeholder_map_add_edge (map, &edge);
    }
  return map;
}

static void
start_element (GMarkupParseContext  *context,
               const char           *name,
               const char          **attribute_names,
               const char          **attribute_values,
               gpointer              user_data,
               GError              **error)
{
  GHashTable *counts = user_data;

  g_hash_table_insert (counts, g_strdup (name),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, name)) + 1));
}

static guint
count_of (GHashTable *counts,
          const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static gboolean
contains_bytes (const char *data,
                gsize       length,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* The system's fonts draw the Chinese names (no missing glyphs). */
static void
test_chinese_glyphs (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 12");

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, "王芳 陈静 首席执行官", -1);
  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 0);
  pango_font_description_free (font);
  g_object_unref (layout);
  g_object_unref (context);
}

static void
test_export (void)
{
  g_autoptr(CrmStakeholderMap) map = small_map ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rapport-map-XXXXXX", &error);
  g_autofree char *svg = g_build_filename (dir, "map.svg", NULL);
  g_autofree char *png = g_build_filename (dir, "map.png", NULL);
  g_autofree char *png2 = g_build_filename (dir, "map@2.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "map.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  static const GMarkupParser parser = { start_element };
  GMarkupParseContext *context;
  cairo_surface_t *image, *image2;
  gsize length;

  g_assert_no_error (error);

  g_assert_true (crm_stakeholder_export_svg (map, CRM_MAP_STYLE_LIGHT, NOW, 30, svg, &error));
  g_assert_no_error (error);
  g_assert_true (crm_stakeholder_export_png (map, CRM_MAP_STYLE_DARK, NOW, 30, 1.0, png, &error));
  g_assert_no_error (error);
  g_assert_true (crm_stakeholder_export_png (map, CRM_MAP_STYLE_DARK, NOW, 30, 2.0, png2, &error));
  g_assert_no_error (error);
  g_assert_true (crm_stakeholder_export_pdf (map, CRM_MAP_STYLE_HIGH_CONTRAST, NOW, 30, pdf, &error));
  g_assert_no_error (error);
  /* Only the four files: no temporary file left behind. */
  g_assert_cmpuint (count_files (dir), ==, 4);

  /* SVG: well-formed XML with the text as glyphs, and the legend's dashes. */
  g_assert_true (g_file_get_contents (svg, &contents, &length, &error));
  g_assert_cmpuint (length, >, 10000);
  context = g_markup_parse_context_new (&parser, 0, counts, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, length, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);
  g_assert_cmpuint (count_of (counts, "svg"), ==, 1);
  g_assert_cmpuint (count_of (counts, "use"), >, 100);      /* glyphs placed */
  g_assert_cmpuint (count_of (counts, "path"), >, 40);
  g_assert_nonnull (strstr (contents, "stroke-dasharray"));
  g_clear_pointer (&contents, g_free);

  /* PNG: the whole map with its legend, twice as large at scale 2. */
  image = cairo_image_surface_create_from_png (png);
  image2 = cairo_image_surface_create_from_png (png2);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_status (image2), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), >, 3 * 216);
  g_assert_cmpint (cairo_image_surface_get_width (image), <, 4000);
  g_assert_cmpint (cairo_image_surface_get_height (image), >, 3 * 84 + 100);
  g_assert_cmpint (cairo_image_surface_get_height (image), <, 3000);
  g_assert_cmpint (ABS (cairo_image_surface_get_width (image2) - 2 * cairo_image_surface_get_width (image)), <=, 2);
  cairo_surface_destroy (image);
  cairo_surface_destroy (image2);

  /* PDF: a one-page document. */
  g_assert_true (g_file_get_contents (pdf, &contents, &length, &error));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_true (contains_bytes (contents, length, "/Count 1"));
  g_assert_cmpuint (length, >, 5000);

  g_remove (svg);
  g_remove (png);
  g_remove (png2);
  g_remove (pdf);
  g_rmdir (dir);
}

static void
test_unwritable (void)
{
  g_autoptr(CrmStakeholderMap) map = small_map ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rapport-map-XXXXXX", &error);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "map.svg", NULL);
  g_autofree char *blocker = g_build_filename (dir, "taken", NULL);
  g_autofree char *inner = g_build_filename (blocker, "inner", NULL);

  g_assert_no_error (error);
  g_assert_false (crm_stakeholder_export_svg (map, CRM_MAP_STYLE_LIGHT, NOW, 30, missing, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);
  g_assert_false (crm_stakeholder_export_png (map, CRM_MAP_STYLE_LIGHT, NOW, 30, 1, missing, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  /* A folder where the file should go: nothing replaces it, nothing is left. */
  g_assert_cmpint (g_mkdir (blocker, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (inner, 0700), ==, 0);
  g_assert_false (crm_stakeholder_export_pdf (map, CRM_MAP_STYLE_LIGHT, NOW, 30, blocker, &error));
  g_assert_nonnull (error);
  g_assert_true (g_file_test (inner, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_files (dir), ==, 1);

  g_rmdir (inner);
  g_rmdir (blocker);
  g_rmdir (dir);
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  cairo_surface_flush (surface);
  return ((guint32 *) (void *) (cairo_image_surface_get_data (surface) +
                                y * cairo_image_surface_get_stride (surface)))[x] & 0xffffff;
}

static cairo_surface_t *
draw_whole (CrmMapRenderer *r,
            int             width,
            int             height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  double x, y, w, h, s;

  crm_map_renderer_get_extent (r, &x, &y, &w, &h);
  s = MIN (width / w, height / h);
  cairo_scale (cr, s, s);
  cairo_translate (cr, -x, -y);
  crm_map_renderer_draw (r, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return surface;
}

/* Each style paints its own background; the selection draws an outline
 * around the card; the cache gives the same picture once dropped. */
static void
test_draw (void)
{
  static const guint32 backgrounds[] = { 0xf6f5f4, 0x242424, 0xffffff };
  g_autoptr(CrmStakeholderMap) map = small_map ();
  g_autoptr(GArray) points = crm_stakeholder_layout (map, NULL, FALSE);
  CrmMapRenderer *r = crm_map_renderer_new (map, NULL);
  const CrmLayoutMetrics *m = crm_map_renderer_get_metrics (r);
  double x, y, w, h, bx, by, bw, bh;

  crm_map_renderer_set_points (r, points);
  crm_map_renderer_set_clock (r, NOW, 30);
  crm_map_renderer_get_extent (r, &x, &y, &w, &h);
  crm_stakeholder_layout_bounds (points, m, &bx, &by, &bw, &bh);
  g_assert_cmpfloat (x, <=, bx);
  g_assert_cmpfloat (y, <=, by);
  g_assert_cmpfloat (y + h, >, by + bh + 40);   /* the legend below */

  for (CrmMapStyle style = CRM_MAP_STYLE_LIGHT; style <= CRM_MAP_STYLE_HIGH_CONTRAST; style++)
    {
      cairo_surface_t *first, *again;

      crm_map_renderer_set_style (r, style);
      first = draw_whole (r, 800, 500);
      g_assert_cmphex (pixel (first, 799, 0), ==, backgrounds[style]);
      crm_map_renderer_invalidate (r);
      again = draw_whole (r, 800, 500);
      g_assert_cmpmem (cairo_image_surface_get_data (first),
                       cairo_image_surface_get_stride (first) * 500,
                       cairo_image_surface_get_data (again),
                       cairo_image_surface_get_stride (again) * 500);
      cairo_surface_destroy (first);
      cairo_surface_destroy (again);
    }

  /* Node 0 alone, selected or not: the outline is just outside the card. */
  for (int selected = 0; selected < 2; selected++)
    {
      const CrmLayoutPoint *p = &g_array_index (points, CrmLayoutPoint, 0);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 200);
      cairo_t *cr = cairo_create (surface);
      guint32 outside;

      crm_map_renderer_set_style (r, CRM_MAP_STYLE_LIGHT);
      cairo_translate (cr, 200 - p->x, 100 - p->y);
      crm_map_renderer_draw_background (r, cr, p->x - 200, p->y - 100, 400, 200);
      crm_map_renderer_draw_node (r, cr, 0, selected);
      cairo_destroy (cr);
      outside = pixel (surface, 200, (int) (100 - m->node_height / 2 - 4));
      if (selected)
        g_assert_cmphex (outside, ==, 0x3584e4);
      else
        g_assert_cmphex (outside, ==, 0xf6f5f4);
      cairo_surface_destroy (surface);
    }

  crm_map_renderer_free (r);
}

/* A map of 200 people fitted to a small surface is drawn coarse (text as
 * bars, shapes batched): each node's card is painted where it is. */
static void
test_draw_coarse (void)
{
  g_autoptr(CrmStakeholderMap) map = crm_stakeholder_map_new (CRM_MAP_SCOPE_ORGANIZATION, 1, "Big");
  g_autoptr(GArray) points = NULL;
  CrmMapRenderer *r;
  cairo_surface_t *surface;
  cairo_t *cr;
  double x, y, w, h, s;
  int width, height;
  guint painted = 0;

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %u", i);
      CrmMapNode node = { 1000 + i, name, "Title", i % 2 ? "Sales" : "Finance", "", "", "", "", "", 0 };
      CrmMapEdge edge = { CRM_MAP_EDGE_REPORTS_TO, 0, 1000 + i, 1000 + (i - 1) / 4, NULL };
      CrmMapEdge link = { CRM_MAP_EDGE_INFLUENCES, 0, 1000 + i, 1000 + (i * 7) % 200, "high" };

      crm_stakeholder_map_add_node (map, &node);
      if (i > 0)
        crm_stakeholder_map_add_edge (map, &edge);
      if (i % 5 == 0 && (i * 7) % 200 != i)
        crm_stakeholder_map_add_edge (map, &link);
    }
  points = crm_stakeholder_layout (map, NULL, FALSE);
  r = crm_map_renderer_new (map, NULL);
  crm_map_renderer_set_points (r, points);
  crm_map_renderer_get_extent (r, &x, &y, &w, &h);
  s = 0.3;   /* 13-unit text is 4 pixels high: too small to read, coarse */
  width = (int) ceil (w * s);
  height = (int) ceil (h * s);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  cairo_scale (cr, s, s);
  cairo_translate (cr, -x, -y);
  crm_map_renderer_draw (r, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  /* A card's right part (past the avatar and the bars) is the card colour. */
  for (guint i = 0; i < points->len; i++)
    {
      const CrmLayoutPoint *p = &g_array_index (points, CrmLayoutPoint, i);
      int px = (int) ((p->x + 100 - x) * s), py = (int) ((p->y - y) * s);

      if (px >= 0 && px < width && py >= 0 && py < height && pixel (surface, px, py) == 0xffffff)
        painted++;
    }
  g_assert_cmpuint (painted, >, points->len * 9 / 10);
  cairo_surface_destroy (surface);
  crm_map_renderer_free (r);
}

/* Drawing before any points, or with points of another map, draws the legend only. */
static void
test_no_points (void)
{
  g_autoptr(CrmStakeholderMap) map = small_map ();
  CrmMapRenderer *r = crm_map_renderer_new (map, NULL);
  g_autoptr(GArray) wrong = g_array_new (FALSE, TRUE, sizeof (CrmLayoutPoint));
  cairo_surface_t *surface;
  double x, y, w, h;

  crm_map_renderer_get_extent (r, &x, &y, &w, &h);
  g_assert_cmpfloat (w, >, 100);
  surface = draw_whole (r, 300, 100);
  cairo_surface_destroy (surface);
  g_array_set_size (wrong, 2);
  crm_map_renderer_set_points (r, wrong);
  surface = draw_whole (r, 300, 100);
  cairo_surface_destroy (surface);
  crm_map_renderer_free (r);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/stakeholder-render/chinese-glyphs", test_chinese_glyphs);
  g_test_add_func ("/stakeholder-render/export", test_export);
  g_test_add_func ("/stakeholder-render/unwritable", test_unwritable);
  g_test_add_func ("/stakeholder-render/draw", test_draw);
  g_test_add_func ("/stakeholder-render/draw-coarse", test_draw_coarse);
  g_test_add_func ("/stakeholder-render/no-points", test_no_points);

  ret = g_test_run ();
  crm_test_free_font_caches ();
  return ret;
}
