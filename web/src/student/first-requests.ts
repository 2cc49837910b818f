import type { ApiClient } from '../api/client';

/**
 * The GETs of the pages a student's phone most often opens first. The page sends them through
 * `api`; on a first load the shell has already sent the same ones through `earlyApi` while the
 * page's code was downloading, and the page takes those answers (the URLs must be the same).
 */
export const dashboardRequests = (client: ApiClient, studentId: string) => ({
  transcript: client.GET('/api/me/transcript', { params: { query: { limit: 1 } } }),
  courses: client.GET('/api/me/courses', { params: { query: { limit: 100 } } }),
  exams: client.GET('/api/exams', { params: { query: { limit: 100 } } }),
  eligibility: client.GET('/api/students/{id}/eligibility', { params: { path: { id: studentId } } }),
});

export const lessonRequests = (client: ApiClient, courseId: string) => ({
  course: client.GET('/api/courses/{id}', { params: { path: { id: courseId } } }),
  progress: client.GET('/api/me/progress', { params: { query: { courseId } } }),
});
