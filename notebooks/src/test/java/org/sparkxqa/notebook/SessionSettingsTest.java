package org.sparkxqa.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class SessionSettingsTest {
    private static final String PLUGIN = SessionSettings.PLUGIN_CLASS;

    @Test
    void withoutThePluginClassTheSessionStartsWithoutItAndSaysWhy() {
        SessionSettings s = SessionSettings.resolve(new Properties(), c -> false);
        assertFalse(s.pluginLoaded());
        assertFalse(s.conf().containsKey("spark.plugins"));
        assertEquals(1, s.notes().size());
        assertTrue(
                s.notes().get(0).startsWith(PLUGIN + " is not on the kernel's class path"),
                s.notes().get(0));
        assertEquals("local[*]", s.conf().get("spark.master"));
        assertEquals("auto", s.conf().get("spark.xqa.backend"));
    }

    @Test
    void withThePluginClassItIsAddedToSparkPlugins() {
        SessionSettings s = SessionSettings.resolve(new Properties(), PLUGIN::equals);
        assertTrue(s.pluginLoaded());
        assertEquals(PLUGIN, s.conf().get("spark.plugins"));
        assertTrue(s.notes().isEmpty());
        Properties user = new Properties();
        user.setProperty("spark.plugins", "com.example.Other");
        assertEquals(
                "com.example.Other," + PLUGIN,
                SessionSettings.resolve(user, PLUGIN::equals).conf().get("spark.plugins"));
    }

    @Test
    void userSystemPropertiesWinOverDefaults() {
        Properties user = new Properties();
        user.setProperty("spark.master", "local[2]");
        user.setProperty("spark.xqa.backend", "cpu");
        SessionSettings s = SessionSettings.resolve(user, c -> true);
        assertFalse(s.conf().containsKey("spark.master"), "Spark reads -Dspark.master itself");
        assertFalse(s.conf().containsKey("spark.xqa.backend"));
    }

    @Test
    void aListedButMissingPluginIsDropped() {
        Properties user = new Properties();
        user.setProperty("spark.plugins", "com.example.Other," + PLUGIN);
        SessionSettings s = SessionSettings.resolve(user, c -> false);
        assertEquals("com.example.Other", s.conf().get("spark.plugins"));
        assertFalse(s.pluginLoaded());
    }
}
