import { Box, Button, Container, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CategoryBadge } from '../../components/CategoryBadge';
import { IconChartBar, IconLogin } from '../../components/icons';
import { ZoneChip } from '../../components/ZoneChip';
import { categories, zones } from '../../domain/types';
import { usePageTitle } from '../../layout/usePageTitle';

/** LandingPage is /, the public front door: what P4 is and where the results are. */
export function LandingPage() {
  const { t } = useTranslation();
  usePageTitle(undefined);
  return (
    <>
      <Box bg="navy.0" py={{ base: 32, sm: 56 }} style={{ borderBottom: '1px solid var(--mantine-color-navy-1)' }}>
        <Container>
          <Stack gap="md" maw="46rem">
            <Text fw={600} c="navy.8" tt="uppercase" size="sm" style={{ letterSpacing: '0.04em' }}>
              {t('app.org')}
            </Text>
            <Title order={1} fz={{ base: '1.75rem', sm: '2.5rem' }}>
              {t('landing.title')}
            </Title>
            <Text size="lg">{t('landing.lead')}</Text>
            <Group gap="sm" mt="xs">
              <Button component={Link} to="/publik" size="lg" leftSection={<IconChartBar size={22} />}>
                {t('landing.ctaResults')}
              </Button>
              <Button component={Link} to="/masuk" size="lg" variant="outline" leftSection={<IconLogin size={22} />}>
                {t('landing.ctaSignIn')}
              </Button>
            </Group>
          </Stack>
        </Container>
      </Box>

      <Container py="xl">
        <Title order={2} mb="md">
          {t('landing.howTitle')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg">
          <Paper>
            <Stack gap="xs">
              <Title order={3}>{t('landing.scoreTitle')}</Title>
              <Text>{t('landing.scoreBody')}</Text>
            </Stack>
          </Paper>
          <Paper>
            <Stack gap="xs">
              <Title order={3}>{t('landing.categoryTitle')}</Title>
              <Text>{t('landing.categoryBody')}</Text>
              <Group gap={6} mt={4}>
                {categories.map((c) => (
                  <CategoryBadge key={c} category={c} />
                ))}
              </Group>
            </Stack>
          </Paper>
          <Paper>
            <Stack gap="xs">
              <Title order={3}>{t('landing.zoneTitle')}</Title>
              <Text>{t('landing.zoneBody')}</Text>
              <Group gap={6} mt={4}>
                {zones.map((z) => (
                  <ZoneChip key={z} zone={z} />
                ))}
              </Group>
            </Stack>
          </Paper>
        </SimpleGrid>

        <Paper mt="xl" bg="white">
          <Group justify="space-between" gap="md" wrap="wrap">
            <Stack gap={4} style={{ flex: '1 1 20rem' }}>
              <Title order={2} fz="h3">
                {t('landing.staffTitle')}
              </Title>
              <Text>{t('landing.staffBody')}</Text>
            </Stack>
            <Button component={Link} to="/masuk" variant="light">
              {t('nav.signIn')}
            </Button>
          </Group>
        </Paper>
      </Container>
    </>
  );
}
